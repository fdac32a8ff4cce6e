#include "sidetrip/core/files.hpp"

#include "sidetrip/core/error.hpp"

#include <cerrno>
#include <csignal>
#include <cstring>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace sidetrip::files {

namespace {

/// Closes a descriptor when the scope ends, also by an exception.
class Descriptor {
public:
    explicit Descriptor(int fd) : m_fd(fd) {}
    ~Descriptor() {
        if (m_fd >= 0) {
            ::close(m_fd);
        }
    }
    Descriptor(const Descriptor&) = delete;
    Descriptor& operator=(const Descriptor&) = delete;
    int get() const { return m_fd; }
    /// close() with its result, for files just written: a full disk may only show here.
    bool close_checked() {
        const int fd = m_fd;
        m_fd = -1;
        return ::close(fd) == 0;
    }

private:
    int m_fd;
};

std::string too_large(const std::string& name, const InputKind& kind) {
    return name + ": the " + std::string(kind.what) + " is larger than " + describe_size(kind.max_bytes) +
           ", the limit for one " + std::string(kind.what) +
           " (docs/errors.md): " + std::string(kind.too_large_hint);
}

/// Reads `fd` to its end, refusing more than `max_bytes`.
std::string read_stream(int fd, const std::string& name, const InputKind& kind, std::uintmax_t expected) {
    std::string content;
    if (expected > 0) {
        content.reserve(static_cast<std::size_t>(expected));
    }
    char buffer[1 << 16];
    for (;;) {
        const ssize_t n = ::read(fd, buffer, sizeof buffer);
        if (n < 0) {
            if (errno == EINTR) {
                continue;
            }
            throw InputError(name + ": cannot read the " + std::string(kind.what) + ": " +
                             std::strerror(errno) + "; check the file and try again");
        }
        if (n == 0) {
            return content;
        }
        // A file that grows while we read it, a pipe, /dev/zero: the limit holds here too.
        if (content.size() + static_cast<std::size_t>(n) > kind.max_bytes) {
            throw InputError(too_large(name, kind));
        }
        content.append(buffer, static_cast<std::size_t>(n));
    }
}

} // namespace

std::string describe_size(std::uintmax_t bytes) {
    if (bytes >= MiB && bytes % MiB == 0) {
        return std::to_string(bytes / MiB) + " MiB";
    }
    return std::to_string(bytes) + " bytes";
}

std::string read_input(const std::string& path, const InputKind& kind) {
    if (path == "-") {
        return read_stream(STDIN_FILENO, "standard input", kind, 0);
    }
    struct stat about {};
    if (::stat(path.c_str(), &about) != 0) {
        const int error = errno;
        if (error == ENOENT || error == ENOTDIR) {
            throw InputError(path + ": no such file: check the path (or give - to read standard input)");
        }
        throw InputError(path + ": cannot open the " + std::string(kind.what) + ": " + std::strerror(error) +
                         "; check that you may read it");
    }
    if (S_ISDIR(about.st_mode)) {
        throw InputError(path + " is a directory: give " + std::string(kind.folder_hint));
    }
    if (S_ISREG(about.st_mode) && static_cast<std::uintmax_t>(about.st_size) > kind.max_bytes) {
        throw InputError(too_large(path, kind));
    }
    Descriptor fd(::open(path.c_str(), O_RDONLY | O_CLOEXEC));
    if (fd.get() < 0) {
        throw InputError(path + ": cannot open the " + std::string(kind.what) + ": " + std::strerror(errno) +
                         "; check that you may read it");
    }
    return read_stream(fd.get(), path, kind,
                       S_ISREG(about.st_mode) ? static_cast<std::uintmax_t>(about.st_size) : 0);
}

void check_input_size(const std::string& path, const InputKind& kind) {
    struct stat about {};
    if (::stat(path.c_str(), &about) == 0 && S_ISREG(about.st_mode) &&
        static_cast<std::uintmax_t>(about.st_size) > kind.max_bytes) {
        throw InputError(too_large(path, kind));
    }
}

std::filesystem::path temporary_path_for(const std::filesystem::path& target) {
    const std::filesystem::path folder = target.has_parent_path() ? target.parent_path() : ".";
    return folder / ("." + target.filename().string() + ".sidetrip-tmp-" + std::to_string(::getpid()) +
                     target.extension().string());
}

void remove_stale_temporaries(const std::filesystem::path& target) {
    const std::filesystem::path folder = target.has_parent_path() ? target.parent_path() : ".";
    const std::string prefix = "." + target.filename().string() + ".sidetrip-tmp-";
    std::error_code ec;
    for (std::filesystem::directory_iterator it(folder, ec), end; !ec && it != end; it.increment(ec)) {
        const std::string name = it->path().filename().string();
        if (name.rfind(prefix, 0) != 0) {
            continue;
        }
        const std::string rest = name.substr(prefix.size());
        const auto digits = rest.find_first_not_of("0123456789");
        if (digits == 0 ||
            rest.substr(digits == std::string::npos ? rest.size() : digits) != target.extension().string()) {
            continue; // not one of ours: ".x.ics.sidetrip-tmp-notes" is the user's
        }
        const long pid = std::stol(rest.substr(0, digits));
        // kill(pid, 0) fails with ESRCH only when no such process exists: a temporary of a run
        // still writing (a second sidetrip on the same output) is left alone.
        if (pid != ::getpid() && ::kill(static_cast<pid_t>(pid), 0) != 0 && errno == ESRCH) {
            std::error_code ignored;
            std::filesystem::remove(it->path(), ignored);
        }
    }
}

void sync_file(const std::filesystem::path& path) {
    Descriptor fd(::open(path.c_str(), O_RDONLY | O_CLOEXEC));
    if (fd.get() < 0 || ::fsync(fd.get()) != 0) {
        throw Error(path.string() + ": cannot sync to disk: " + std::strerror(errno), ExitCode::BadInput);
    }
}

void sync_folder(const std::filesystem::path& folder) {
    Descriptor fd(::open(folder.empty() ? "." : folder.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
    if (fd.get() >= 0) {
        ::fsync(fd.get());
    }
}

void check_output_target(const std::filesystem::path& path, std::string_view flag) {
    const std::string shown = std::string(flag) + " " + path.string();
    struct stat about {};
    if (::stat(path.c_str(), &about) == 0) {
        if (S_ISDIR(about.st_mode)) {
            throw InputError(shown + ": that is a folder; give a file name inside it");
        }
        if (!S_ISREG(about.st_mode)) {
            // Outputs are renamed into place: a FIFO or a device would be replaced by a file.
            throw InputError(shown + ": that is not a regular file (a FIFO, a device or a socket); sidetrip "
                                     "writes outputs only to regular files, which it replaces as a whole: "
                                     "give a file name");
        }
    } else if (errno != ENOENT) {
        throw InputError(shown + ": cannot check the path: " + std::strerror(errno));
    }
    const std::filesystem::path folder = path.has_parent_path() ? path.parent_path() : ".";
    struct stat folder_about {};
    if (::stat(folder.c_str(), &folder_about) != 0 || !S_ISDIR(folder_about.st_mode)) {
        throw InputError(shown + ": the folder " + folder.string() + " does not exist; create it first");
    }
    // The new file is created beside the target and renamed over it, so the folder must be
    // writable even when the file itself is.
    if (::access(folder.c_str(), W_OK | X_OK) != 0) {
        throw InputError(shown + ": cannot write in the folder " + folder.string() + ": " +
                         std::strerror(errno) + "; choose a folder you may write to");
    }
}

bool same_file(const std::filesystem::path& a, const std::filesystem::path& b) {
    std::error_code ec;
    if (std::filesystem::equivalent(a, b, ec) && !ec) {
        return true; // both exist: device and inode
    }
    std::error_code ea;
    std::error_code eb;
    const auto ra = std::filesystem::weakly_canonical(std::filesystem::absolute(a, ea), ea);
    const auto rb = std::filesystem::weakly_canonical(std::filesystem::absolute(b, eb), eb);
    return !ea && !eb && ra == rb;
}

void keep_mode_of(const std::filesystem::path& target, const std::filesystem::path& temporary) {
    struct stat about {};
    if (::stat(target.c_str(), &about) == 0 && S_ISREG(about.st_mode)) {
        ::chmod(temporary.c_str(), about.st_mode & 07777);
    }
}

void write_atomically(const std::filesystem::path& path, std::string_view content,
                      std::filesystem::perms mode) {
    const std::string name = path.string();
    const std::filesystem::path temporary = temporary_path_for(path);
    remove_stale_temporaries(path);
    std::error_code ec;
    std::filesystem::remove(temporary, ec); // from an earlier process with our pid
    // Created with the mode asked for, less any bit the file it replaces lacks: a private
    // output (a 0600 calendar) stays private, also while it is written.
    auto wanted = static_cast<mode_t>(mode & std::filesystem::perms::mask);
    struct stat replaced {};
    const bool replacing = ::stat(path.c_str(), &replaced) == 0 && S_ISREG(replaced.st_mode);
    if (replacing) {
        wanted &= static_cast<mode_t>(replaced.st_mode & 07777);
    }
    Descriptor fd(::open(temporary.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, wanted));
    if (fd.get() < 0) {
        throw InputError(name + ": cannot write: " + std::strerror(errno) +
                         " (check that the folder exists and that you may write there)");
    }
    auto fail = [&](int error) {
        std::error_code ignored;
        std::filesystem::remove(temporary, ignored);
        throw InputError(name + ": cannot write: " + std::strerror(error) +
                         " (check the free space and your permissions; the old file, if any, is unchanged)");
    };
    std::size_t done = 0;
    while (done < content.size()) {
        const ssize_t n = ::write(fd.get(), content.data() + done, content.size() - done);
        if (n < 0) {
            if (errno == EINTR) {
                continue;
            }
            fail(errno);
        }
        done += static_cast<std::size_t>(n);
    }
    if (replacing && ::fchmod(fd.get(), wanted) != 0) { // exactly the old mode, whatever the umask
        fail(errno);
    }
    if (::fsync(fd.get()) != 0) {
        fail(errno);
    }
    if (!fd.close_checked()) {
        fail(errno);
    }
    if (::rename(temporary.c_str(), path.c_str()) != 0) {
        fail(errno);
    }
    sync_folder(path.has_parent_path() ? path.parent_path() : ".");
}

std::optional<unsigned> make_private_folder(const std::filesystem::path& folder) {
    std::error_code ec;
    if (folder.has_parent_path()) {
        std::filesystem::create_directories(folder.parent_path(), ec); // ~/.cache is not ours
    }
    if (::mkdir(folder.c_str(), 0700) == 0) {
        return std::nullopt;
    }
    struct stat about {};
    if (::stat(folder.c_str(), &about) != 0 || !S_ISDIR(about.st_mode)) {
        throw Error(folder.string() + ": cannot create the cache folder: " + std::strerror(errno) +
                    "; check that you may write there (set XDG_CACHE_HOME to move it)");
    }
    if ((about.st_mode & 077) == 0 || about.st_uid != ::getuid()) {
        return std::nullopt;
    }
    if (::chmod(folder.c_str(), 0700) != 0) {
        return std::nullopt; // not ours to change after all; the files inside are still 0600
    }
    return static_cast<unsigned>(about.st_mode & 07777);
}

} // namespace sidetrip::files
