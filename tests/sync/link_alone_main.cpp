// The empty program behind the *_alone targets (tests/sync/CMakeLists.txt):
// each links one sync library whole (every object in it, not only what main
// uses) with nothing but its declared dependencies, so the build fails if,
// say, the client's code calls into central. Nothing to run.
int main() { return 0; }
