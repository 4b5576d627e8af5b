// glReadPixels + stb_image_write (Debian's libstb) (see screenshot.h).
#include "screenshot.h"

#include <GL/gl.h>
#include <stb_image_write.h>

#include <vector>

namespace outpost {

Status save_framebuffer_png(int width, int height, const std::string& path) {
    if (width <= 0 || height <= 0) return Status::InvalidArgument("the window has no pixels to save");
    std::vector<unsigned char> pixels(static_cast<size_t>(width) * height * 3);
    glPixelStorei(GL_PACK_ALIGNMENT, 1);
    glReadBuffer(GL_BACK);
    glReadPixels(0, 0, width, height, GL_RGB, GL_UNSIGNED_BYTE, pixels.data());
    if (glGetError() != GL_NO_ERROR)
        return Status::IoError("could not read the window's pixels back from OpenGL");
    // GL's first row is the bottom of the window; PNG's is the top.
    stbi_flip_vertically_on_write(1);
    const int ok = stbi_write_png(path.c_str(), width, height, 3, pixels.data(), width * 3);
    stbi_flip_vertically_on_write(0);
    if (!ok) return Status::IoError("could not write the screenshot to '" + path + "'");
    return Status::Ok();
}

}  // namespace outpost
