#pragma once

// Runs the sidetrip program as a child process with a deadline, and measures it: exit code (or
// the signal that ended it), wall time, peak memory. For the tests of the error contract and of
// pathological inputs, which must show that a run ends, how, and within what.

#include <chrono>
#include <csignal>
#include <cstdlib>
#include <fcntl.h>
#include <filesystem>
#include <fstream>
#include <spawn.h>
#include <sstream>
#include <stdexcept>
#include <string>
#include <sys/resource.h>
#include <sys/wait.h>
#include <thread>
#include <unistd.h>
#include <vector>

extern char** environ;

namespace sidetrip::test {

struct Outcome {
    int exit_code = -1;     ///< -1 when a signal ended it
    int signal = 0;         ///< the signal that ended it, 0 when it exited
    bool timed_out = false; ///< killed at the deadline
    double seconds = 0.0;
    long peak_kib = 0; ///< maximum resident set size
    std::string out;
    std::string err;
};

inline std::string slurp_file(const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

/**
 * Runs SIDETRIP_EXE with `args`, standard input from `stdin_path`, its output in `folder`, its
 * config and cache in `folder` too (never the user's), and kills it at `deadline_seconds`.
 */
inline Outcome run_sidetrip(const std::vector<std::string>& args, const std::filesystem::path& folder,
                            const std::string& stdin_path = "/dev/null", double deadline_seconds = 30.0) {
    const auto out_path = folder / "run.stdout";
    const auto err_path = folder / "run.stderr";
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_addopen(&actions, 0, stdin_path.c_str(), O_RDONLY, 0);
    posix_spawn_file_actions_addopen(&actions, 1, out_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
    posix_spawn_file_actions_addopen(&actions, 2, err_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
    std::vector<std::string> argv_text = {SIDETRIP_EXE};
    argv_text.insert(argv_text.end(), args.begin(), args.end());
    std::vector<char*> argv;
    for (auto& a : argv_text) {
        argv.push_back(a.data());
    }
    argv.push_back(nullptr);
    std::vector<std::string> env_text;
    for (char** e = environ; *e != nullptr; ++e) {
        const std::string entry = *e;
        if (entry.rfind("XDG_CONFIG_HOME=", 0) != 0 && entry.rfind("XDG_CACHE_HOME=", 0) != 0 &&
            entry.rfind("HOME=", 0) != 0) {
            env_text.push_back(entry);
        }
    }
    env_text.push_back("XDG_CONFIG_HOME=" + (folder / "config").string());
    env_text.push_back("XDG_CACHE_HOME=" + (folder / "cache").string());
    env_text.push_back("HOME=" + folder.string());
    std::vector<char*> envp;
    for (auto& e : env_text) {
        envp.push_back(e.data());
    }
    envp.push_back(nullptr);

    const auto start = std::chrono::steady_clock::now();
    pid_t pid = -1;
    const int rc = ::posix_spawn(&pid, argv[0], &actions, nullptr, argv.data(), envp.data());
    posix_spawn_file_actions_destroy(&actions);
    if (rc != 0) {
        throw std::runtime_error(std::string("cannot start ") + SIDETRIP_EXE);
    }
    Outcome outcome;
    int status = 0;
    rusage usage{};
    for (;;) {
        const pid_t done = ::wait4(pid, &status, WNOHANG, &usage);
        if (done == pid) {
            break;
        }
        const double elapsed =
            std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
        if (elapsed > deadline_seconds) {
            ::kill(pid, SIGKILL);
            ::wait4(pid, &status, 0, &usage);
            outcome.timed_out = true;
            break;
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(2));
    }
    outcome.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    outcome.peak_kib = usage.ru_maxrss;
    if (WIFEXITED(status)) {
        outcome.exit_code = WEXITSTATUS(status);
    } else if (WIFSIGNALED(status)) {
        outcome.signal = WTERMSIG(status);
    }
    outcome.out = slurp_file(out_path);
    outcome.err = slurp_file(err_path);
    return outcome;
}

} // namespace sidetrip::test
