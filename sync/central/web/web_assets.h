// The dashboard's CSS and JavaScript (sync/central/web/assets/), embedded at
// build time by embed_assets.cmake so central serves them without any file
// or network at run time.
#pragma once

#include <string>

namespace outpost {
namespace web {

const std::string& asset_dashboard_css();
const std::string& asset_dashboard_js();

}  // namespace web
}  // namespace outpost
