// Checks a screenshot from `outpost --screenshot`: the PNG has the expected
// size and is not blank (more than a few colours, no colour on 99% of the
// pixels). Usage: png_check FILE.png WIDTH HEIGHT. Exit 0 when good.
#include <stb_image.h>

#include <cstdio>
#include <cstdlib>
#include <map>

int main(int argc, char** argv) {
    if (argc != 4) {
        std::fprintf(stderr, "usage: png_check FILE.png WIDTH HEIGHT\n");
        return 2;
    }
    int w = 0, h = 0, channels = 0;
    unsigned char* px = stbi_load(argv[1], &w, &h, &channels, 3);
    if (!px) {
        std::fprintf(stderr, "png_check: cannot read %s: %s\n", argv[1], stbi_failure_reason());
        return 1;
    }
    const int want_w = std::atoi(argv[2]), want_h = std::atoi(argv[3]);
    std::map<unsigned, long> counts;
    for (long i = 0; i < static_cast<long>(w) * h; ++i) {
        const unsigned char* p = px + 3 * i;
        ++counts[(p[0] << 16) | (p[1] << 8) | p[2]];
    }
    stbi_image_free(px);
    long most = 0;
    for (const auto& kv : counts) most = kv.second > most ? kv.second : most;
    const double share = static_cast<double>(most) / (static_cast<double>(w) * h);
    std::printf("%s: %dx%d, %zu colours, commonest colour on %.1f%% of pixels\n", argv[1], w, h,
                counts.size(), share * 100);
    int status = 0;
    if (w != want_w || h != want_h) {
        std::fprintf(stderr, "png_check: expected %dx%d\n", want_w, want_h);
        status = 1;
    }
    if (counts.size() <= 3 || share >= 0.99) {
        std::fprintf(stderr, "png_check: the screenshot looks blank\n");
        status = 1;
    }
    return status;
}
