#pragma once

// Timing whole processes for the benchmarks: a new process per run, standard output discarded.

#include <fcntl.h>
#include <spawn.h>
#include <sys/resource.h>
#include <sys/wait.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

extern char** environ;

namespace sidetrip::bench {

/// Milliseconds from spawning `argv[0]` with `argv` until it exits; exits the benchmark with
/// a message when the program cannot run or fails (a failing run is no measurement).
inline double run_process_ms(const std::vector<std::string>& args) {
    std::vector<char*> argv;
    for (const auto& a : args) {
        argv.push_back(const_cast<char*>(a.c_str()));
    }
    argv.push_back(nullptr);
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0);
    const auto start = std::chrono::steady_clock::now();
    pid_t pid = 0;
    if (posix_spawn(&pid, argv[0], &actions, nullptr, argv.data(), environ) != 0) {
        std::fprintf(stderr, "cannot run %s\n", argv[0]);
        std::exit(1);
    }
    int status = 0;
    waitpid(pid, &status, 0);
    const auto end = std::chrono::steady_clock::now();
    posix_spawn_file_actions_destroy(&actions);
    if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
        std::fprintf(stderr, "%s exited with status %d\n", argv[0], status);
        std::exit(1);
    }
    return std::chrono::duration<double, std::milli>(end - start).count();
}

/// One run of a whole process: its wall time and its peak resident memory.
struct ProcessRun {
    double ms = 0.0;
    double cpu_ms = 0.0;  ///< user + system time of the child: what other load on the machine inflates less
    double peak_mb = 0.0; ///< the child's ru_maxrss
};

/// Like run_process_ms, also measuring the child's peak memory; standard output goes to
/// `stdout_path` (default: discarded).
inline ProcessRun run_process(const std::vector<std::string>& args,
                              const std::string& stdout_path = "/dev/null") {
    std::vector<char*> argv;
    for (const auto& a : args) {
        argv.push_back(const_cast<char*>(a.c_str()));
    }
    argv.push_back(nullptr);
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_addopen(&actions, 1, stdout_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    const auto start = std::chrono::steady_clock::now();
    pid_t pid = 0;
    if (posix_spawn(&pid, argv[0], &actions, nullptr, argv.data(), environ) != 0) {
        std::fprintf(stderr, "cannot run %s\n", argv[0]);
        std::exit(1);
    }
    int status = 0;
    rusage usage{};
    wait4(pid, &status, 0, &usage);
    const auto end = std::chrono::steady_clock::now();
    posix_spawn_file_actions_destroy(&actions);
    if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
        std::fprintf(stderr, "%s exited with status %d\n", argv[0], status);
        std::exit(1);
    }
    const auto cpu_ms = [](const timeval& t) {
        return static_cast<double>(t.tv_sec) * 1e3 + t.tv_usec / 1e3;
    };
    return {std::chrono::duration<double, std::milli>(end - start).count(),
            cpu_ms(usage.ru_utime) + cpu_ms(usage.ru_stime), usage.ru_maxrss / 1024.0};
}

inline double median(std::vector<double> v) {
    std::sort(v.begin(), v.end());
    return v.size() % 2 ? v[v.size() / 2] : (v[v.size() / 2 - 1] + v[v.size() / 2]) / 2.0;
}

} // namespace sidetrip::bench
