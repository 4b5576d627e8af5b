// Dispatch to imgui_impl_opengl2 or imgui_impl_opengl3 (see gl_backend.h).
#include "gl_backend.h"

#include <imgui.h>
#include <backends/imgui_impl_opengl2.h>
#include <backends/imgui_impl_opengl3.h>

namespace outpost {

bool GlBackend::init(bool gl3) {
    gl3_ = gl3;
    ready_ = gl3 ? ImGui_ImplOpenGL3_Init("#version 130") : ImGui_ImplOpenGL2_Init();
    return ready_;
}

void GlBackend::new_frame() {
    if (gl3_)
        ImGui_ImplOpenGL3_NewFrame();
    else
        ImGui_ImplOpenGL2_NewFrame();
}

void GlBackend::render(ImDrawData* data) {
    if (gl3_)
        ImGui_ImplOpenGL3_RenderDrawData(data);
    else
        ImGui_ImplOpenGL2_RenderDrawData(data);
}

void GlBackend::shutdown() {
    if (!ready_) return;
    if (gl3_)
        ImGui_ImplOpenGL3_Shutdown();
    else
        ImGui_ImplOpenGL2_Shutdown();
    ready_ = false;
}

}  // namespace outpost
