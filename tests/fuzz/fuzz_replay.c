/* libFuzzer target: any bytes as a decision log.  A replay must end with an
 * error code or OK, never crash, leak or trip a sanitizer.  Built by
 * tests/fuzz/run.sh (clang -fsanitize=fuzzer,address,undefined). */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "shapan/log.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    ShapanReplayOptions opt;
    memset(&opt, 0, sizeof opt);
    opt.log_dir = "scenarios"; /* a header may name a scenario by path */
    ShapanReplay r;
    ShapanError err;
    shapan_replay_text((const char *)data, size, &opt, &r, &err);
    shapan_replay_free(&r);
    return 0;
}
