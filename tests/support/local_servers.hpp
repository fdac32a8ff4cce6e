#pragma once

// Real servers on 127.0.0.1 for the network tests: the scripted HTTP(S) server of
// tests/support/http_test_server.py and a Radicale CalDAV server (Debian package radicale),
// each started by the test in a temporary folder and stopped when the object goes away.

#include <nlohmann/json.hpp>

#include <arpa/inet.h>
#include <chrono>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <fcntl.h>
#include <filesystem>
#include <fstream>
#include <memory>
#include <netinet/in.h>
#include <spawn.h>
#include <sstream>
#include <stdexcept>
#include <string>
#include <sys/socket.h>
#include <sys/wait.h>
#include <thread>
#include <unistd.h>
#include <vector>

extern char** environ;

namespace sidetrip::test {

/// A temporary folder removed with everything in it when the object goes away.
class TempFolder {
public:
    TempFolder() {
        std::string pattern = (std::filesystem::temp_directory_path() / "sidetrip-test-XXXXXX").string();
        if (::mkdtemp(pattern.data()) == nullptr) {
            throw std::runtime_error("mkdtemp failed");
        }
        m_path = pattern;
    }
    ~TempFolder() {
        std::error_code ec;
        std::filesystem::remove_all(m_path, ec);
    }
    TempFolder(const TempFolder&) = delete;
    TempFolder& operator=(const TempFolder&) = delete;
    const std::filesystem::path& path() const { return m_path; }
    std::filesystem::path operator/(const std::string& name) const { return m_path / name; }

private:
    std::filesystem::path m_path;
};

inline void write_text(const std::filesystem::path& path, const std::string& content) {
    std::ofstream(path, std::ios::binary) << content;
}

inline std::string read_text(const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

/// A child process started with posix_spawn; SIGTERM and reaped on destruction.
class ChildProcess {
public:
    ChildProcess(const std::vector<std::string>& argv, const std::filesystem::path& stdout_file) {
        posix_spawn_file_actions_t actions;
        posix_spawn_file_actions_init(&actions);
        posix_spawn_file_actions_addopen(&actions, 1, stdout_file.c_str(), O_WRONLY | O_CREAT | O_TRUNC,
                                         0600);
        posix_spawn_file_actions_addopen(&actions, 2, (stdout_file.string() + ".err").c_str(),
                                         O_WRONLY | O_CREAT | O_TRUNC, 0600);
        std::vector<char*> args;
        for (const auto& a : argv) {
            args.push_back(const_cast<char*>(a.c_str()));
        }
        args.push_back(nullptr);
        const int rc = ::posix_spawn(&m_pid, args[0], &actions, nullptr, args.data(), environ);
        posix_spawn_file_actions_destroy(&actions);
        if (rc != 0) {
            throw std::runtime_error("cannot start " + argv[0]);
        }
    }
    ~ChildProcess() {
        ::kill(m_pid, SIGTERM);
        int status = 0;
        ::waitpid(m_pid, &status, 0);
    }
    ChildProcess(const ChildProcess&) = delete;
    ChildProcess& operator=(const ChildProcess&) = delete;
    bool running() const {
        int status = 0;
        return ::waitpid(m_pid, &status, WNOHANG) == 0;
    }

private:
    pid_t m_pid = -1;
};

/// A port nobody listens on right now (bound to 0 and released: good enough on a test machine).
inline int free_loopback_port() {
    const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    ::bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof address);
    socklen_t length = sizeof address;
    ::getsockname(fd, reinterpret_cast<sockaddr*>(&address), &length);
    ::close(fd);
    return ntohs(address.sin_port);
}

inline bool accepts_connections(int port) {
    const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_port = htons(static_cast<uint16_t>(port));
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    const bool ok = ::connect(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) == 0;
    ::close(fd);
    return ok;
}

/// A self-signed certificate for 127.0.0.1 and localhost, made with openssl in `folder`.
struct TestCertificate {
    std::filesystem::path cert;
    std::filesystem::path key;
    explicit TestCertificate(const std::filesystem::path& folder)
        : cert(folder / "cert.pem"), key(folder / "key.pem") {
        const std::string command = "openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj /CN=127.0.0.1 "
                                    "-addext subjectAltName=IP:127.0.0.1,DNS:localhost -keyout '" +
                                    key.string() + "' -out '" + cert.string() + "' >/dev/null 2>&1";
        if (std::system(command.c_str()) != 0) {
            throw std::runtime_error("openssl could not make a test certificate");
        }
    }
};

/**
 * The scripted server (tests/support/http_test_server.py). `routes` maps paths to lists of
 * responses; see the script's documentation for their fields.
 */
class ScriptedHttpServer {
public:
    explicit ScriptedHttpServer(const nlohmann::json& routes, const TestCertificate* tls = nullptr)
        : m_https(tls != nullptr) {
        write_text(m_folder / "routes.json", routes.dump());
        std::vector<std::string> argv = {"/usr/bin/python3",
                                         std::string(SIDETRIP_SOURCE_DIR) +
                                             "/tests/support/http_test_server.py",
                                         "--routes",
                                         (m_folder / "routes.json").string(),
                                         "--log",
                                         (m_folder / "log.jsonl").string()};
        if (tls != nullptr) {
            argv.insert(argv.end(), {"--cert", tls->cert.string(), "--key", tls->key.string()});
        }
        m_process = std::make_unique<ChildProcess>(argv, m_folder / "stdout");
        for (int i = 0; i < 200 && m_port == 0; ++i) {
            std::this_thread::sleep_for(std::chrono::milliseconds(25));
            const std::string out = read_text(m_folder / "stdout");
            if (out.find('\n') != std::string::npos) {
                m_port = std::stoi(out);
            }
        }
        if (m_port == 0) {
            throw std::runtime_error("the test HTTP server did not start: " +
                                     read_text(m_folder / "stdout.err"));
        }
    }
    int port() const { return m_port; }
    std::string url(const std::string& path) const {
        return std::string(m_https ? "https" : "http") + "://127.0.0.1:" + std::to_string(m_port) + path;
    }
    /// Every request received so far, in order: {method, path, headers, body, time}.
    std::vector<nlohmann::json> requests() const {
        std::vector<nlohmann::json> out;
        std::istringstream log(read_text(m_folder / "log.jsonl"));
        for (std::string line; std::getline(log, line);) {
            if (!line.empty()) {
                out.push_back(nlohmann::json::parse(line));
            }
        }
        return out;
    }
    /// Everything the server received, as one text (for "this never left the machine" checks).
    std::string received_text() const { return read_text(m_folder / "log.jsonl"); }

private:
    TempFolder m_folder;
    bool m_https;
    std::unique_ptr<ChildProcess> m_process;
    int m_port = 0;
};

/// Radicale (the Debian package) on a free loopback port with its own storage, one user "ana"
/// (password "secret", in a plain htpasswd file written to `users_file`) who owns /ana/.
class RadicaleServer {
public:
    explicit RadicaleServer(const std::filesystem::path& users_file) {
        write_text(users_file, "ana:secret\n");
        m_port = free_loopback_port();
        const std::vector<std::string> argv = {"/usr/bin/python3",
                                               "-m",
                                               "radicale",
                                               "--config",
                                               "",
                                               "--server-hosts",
                                               "127.0.0.1:" + std::to_string(m_port),
                                               "--storage-filesystem-folder",
                                               (m_folder / "collections").string(),
                                               "--auth-type",
                                               "htpasswd",
                                               "--auth-htpasswd-filename",
                                               users_file.string(),
                                               "--auth-htpasswd-encryption",
                                               "plain",
                                               "--rights-type",
                                               "owner_only",
                                               "--logging-level",
                                               "warning"};
        m_process = std::make_unique<ChildProcess>(argv, m_folder / "stdout");
        for (int i = 0; i < 400 && !accepts_connections(m_port); ++i) {
            std::this_thread::sleep_for(std::chrono::milliseconds(25));
        }
        if (!accepts_connections(m_port)) {
            throw std::runtime_error("Radicale did not start: " + read_text(m_folder / "stdout.err"));
        }
    }
    std::string url(const std::string& path) const {
        return "http://127.0.0.1:" + std::to_string(m_port) + path;
    }
    int port() const { return m_port; }

    /// Creates the calendar collection /user/name/ in Radicale's storage folder (its documented
    /// layout: a folder with a .Radicale.props naming the tag); returns its URL.
    std::string create_calendar(const std::string& user, const std::string& name) const {
        const auto folder = m_folder / "collections" / "collection-root" / user / name;
        std::filesystem::create_directories(folder);
        write_text(folder / ".Radicale.props", R"({"tag": "VCALENDAR"})");
        return url("/" + user + "/" + name + "/");
    }

private:
    TempFolder m_folder;
    std::unique_ptr<ChildProcess> m_process;
    int m_port = 0;
};

} // namespace sidetrip::test
