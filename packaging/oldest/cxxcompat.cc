// libnianbao-cxxcompat.so: the two libstdc++ functions that the fcitx5 Qt 6 plugin from Debian trixie
// (GCC 14) needs and that an older libstdc++ (Debian bullseye: GCC 10) lacks, at the version names GCC
// gives them (cxxcompat.map). See elf_versions.py for how the plugin is pointed at them.
#include <exception>
#include <new>

extern "C" void* __cxa_begin_catch(void*) noexcept;

// GCC 14 calls this when an exception leaves a noexcept function: catch it and terminate, as libstdc++ does.
extern "C" [[noreturn]] void __cxa_call_terminate(void* exception) noexcept {
    if (exception) __cxa_begin_catch(exception);
    std::terminate();
}

namespace std {
// GCC 11+ calls this from new[] with a size that overflows.
[[noreturn]] void __throw_bad_array_new_length() { throw std::bad_array_new_length(); }
}
