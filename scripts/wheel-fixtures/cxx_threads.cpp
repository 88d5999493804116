// A C++ extension's code built with the system g++ (Debian 12: GCC 12): std::thread and a sized
// delete ask libstdc++ for GLIBCXX_3.4.22 and CXXABI_1.3.9, newer than manylinux2014 allows.
#include <thread>
#include <new>
extern "C" int run_worker(int n) {
    int result = 0;
    std::thread t([&] { result = n * 2; });
    t.join();
    int *p = new int(result);
    int r = *p;
    ::operator delete(p, sizeof(int));
    return r;
}
