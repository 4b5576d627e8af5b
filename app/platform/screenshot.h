// Saving what the window shows as a PNG, for documentation and the
// screenshot smoke tests under Xvfb.
#pragma once

#include <string>

#include "status.h"

namespace outpost {

// Reads the current GL framebuffer (width x height pixels, the frame just
// rendered and not yet swapped) and writes it to `path` as an RGB PNG, top
// row first. REQUIRES: a current GL context.
Status save_framebuffer_png(int width, int height, const std::string& path);

}  // namespace outpost
