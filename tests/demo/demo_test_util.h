// Helpers shared by the demo tests: a temporary folder removed at the end,
// and a real (non-demo) clinic store for the tests that check a demo never
// touches one.
#pragma once

#include <catch2/catch.hpp>
#include <unistd.h>

#include <cstdlib>
#include <string>

#include "store.h"

namespace outpost::demo_test {

struct TempDir {
    std::string path;
    TempDir() {
        char tmpl[] = "/tmp/outpost-demo-test-XXXXXX";
        REQUIRE(mkdtemp(tmpl) != nullptr);
        path = tmpl;
    }
    ~TempDir() { std::system(("rm -rf '" + path + "'").c_str()); }
};

// A standalone real site at path (created), closed again.
inline void make_real_store(const std::string& path, const std::string& code, const std::string& name) {
    OpenOptions o;
    o.path = path;
    auto s = Store::Open(o);
    REQUIRE(s.ok());
    REQUIRE((*s)->init_standalone(code, name, "counter").ok());
}

}  // namespace outpost::demo_test
