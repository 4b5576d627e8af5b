// The ImGui renderer: the OpenGL 2.1 fixed-function backend by default (old
// clinic laptops), or the OpenGL 3.0 backend with GLSL "#version 130" (an
// empty version string renders nothing on some drivers). The choice is made
// once, matching the context the window asked for.
#pragma once

struct ImDrawData;

namespace outpost {

class GlBackend {
public:
    // REQUIRES: a current GL context and an ImGui context.
    bool init(bool gl3);
    void new_frame();
    void render(ImDrawData* data);
    void shutdown();

private:
    bool gl3_ = false, ready_ = false;
};

}  // namespace outpost
