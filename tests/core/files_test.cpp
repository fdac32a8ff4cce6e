#include "sidetrip/core/error.hpp"
#include "sidetrip/core/files.hpp"

#include <catch2/catch.hpp>

#include <csignal>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

using namespace sidetrip;
namespace fs = std::filesystem;

namespace {

/// An empty folder of its own, removed with everything in it at the end of the test.
class Folder {
public:
    Folder() {
        std::string pattern = (fs::temp_directory_path() / "sidetrip-files-XXXXXX").string();
        REQUIRE(::mkdtemp(pattern.data()) != nullptr);
        m_path = pattern;
    }
    ~Folder() {
        std::error_code ec;
        fs::remove_all(m_path, ec);
    }
    Folder(const Folder&) = delete;
    Folder& operator=(const Folder&) = delete;
    fs::path operator/(const std::string& name) const { return m_path / name; }
    const fs::path& path() const { return m_path; }

private:
    fs::path m_path;
};

void write(const fs::path& path, const std::string& content) {
    std::ofstream(path, std::ios::binary) << content;
}

std::string slurp(const fs::path& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

const files::InputKind Small{"test file", 1000, "a file inside it", "make it smaller"};

std::size_t entries(const fs::path& folder) {
    return static_cast<std::size_t>(std::distance(fs::directory_iterator(folder), fs::directory_iterator()));
}

} // namespace

TEST_CASE("an input within its limit is read whole", "[core]") {
    Folder folder;
    write(folder / "ok.txt", std::string(1000, 'x'));
    CHECK(files::read_input((folder / "ok.txt").string(), Small) == std::string(1000, 'x'));
}

TEST_CASE("a file larger than its limit is refused before it is read, with the limit in the message",
          "[core]") {
    Folder folder;
    // Sparse: the size says 200 MB, nothing is written.
    write(folder / "huge.txt", "");
    fs::resize_file(folder / "huge.txt", 200'000'000);
    const files::InputKind calendar{"calendar", files::MaxCalendarBytes, "", "split it"};
    CHECK_THROWS_WITH(files::read_input((folder / "huge.txt").string(), calendar),
                      Catch::Contains("huge.txt") && Catch::Contains("64 MiB") &&
                          Catch::Contains("split it"));
    CHECK_THROWS_AS(files::check_input_size((folder / "huge.txt").string(), calendar), InputError);
    write(folder / "small.txt", "x");
    CHECK_NOTHROW(files::check_input_size((folder / "small.txt").string(), calendar));
}

TEST_CASE("a device or pipe that never ends is cut off at the limit", "[core]") {
    CHECK_THROWS_WITH(files::read_input("/dev/zero", Small),
                      Catch::Contains("/dev/zero") && Catch::Contains("1000 bytes"));
    // A FIFO whose writer sends more than the limit.
    Folder folder;
    const auto fifo = folder / "fifo";
    REQUIRE(::mkfifo(fifo.c_str(), 0600) == 0);
    const pid_t writer = ::fork();
    REQUIRE(writer >= 0);
    if (writer == 0) {
        std::signal(SIGPIPE, SIG_DFL);
        std::ofstream out(fifo, std::ios::binary);
        const std::string block(4096, 'y');
        for (int i = 0; i < 1000 && out; ++i) {
            out << block << std::flush;
        }
        ::_exit(0);
    }
    CHECK_THROWS_WITH(files::read_input(fifo.string(), Small), Catch::Contains("larger than 1000 bytes"));
    ::kill(writer, SIGKILL);
    ::waitpid(writer, nullptr, 0);
}

TEST_CASE("a missing file and a folder are refused with what to give instead", "[core]") {
    Folder folder;
    CHECK_THROWS_WITH(files::read_input((folder / "missing.txt").string(), Small),
                      Catch::Contains("missing.txt: no such file"));
    CHECK_THROWS_WITH(files::read_input(folder.path().string(), Small),
                      Catch::Contains("is a directory") && Catch::Contains("a file inside it"));
}

TEST_CASE("sizes are described in whole MiB where they are whole", "[core]") {
    CHECK(files::describe_size(64 * files::MiB) == "64 MiB");
    CHECK(files::describe_size(1000) == "1000 bytes");
}

TEST_CASE("an atomic write replaces the file and leaves no temporary behind", "[core]") {
    Folder folder;
    const auto target = folder / "out.ics";
    write(target, "old");
    files::write_atomically(target, "new content");
    CHECK(slurp(target) == "new content");
    CHECK(entries(folder.path()) == 1);
}

TEST_CASE("an atomic write into a missing folder fails naming the file and changes nothing", "[core]") {
    Folder folder;
    CHECK_THROWS_WITH(files::write_atomically(folder / "no-such-folder" / "out.ics", "x"),
                      Catch::Contains("out.ics: cannot write"));
    CHECK(entries(folder.path()) == 0);
}

TEST_CASE("temporaries of killed runs are removed, those of running ones and the user's files are kept",
          "[core]") {
    Folder folder;
    const auto target = folder / "plan.geojson";
    // A process that is gone: fork a child that exits at once, and reap it.
    const pid_t gone = ::fork();
    REQUIRE(gone >= 0);
    if (gone == 0) {
        ::_exit(0);
    }
    ::waitpid(gone, nullptr, 0);
    const auto stale = folder / (".plan.geojson.sidetrip-tmp-" + std::to_string(gone) + ".geojson");
    const auto running = folder / (".plan.geojson.sidetrip-tmp-" + std::to_string(::getppid()) + ".geojson");
    const auto users = folder / ".plan.geojson.sidetrip-tmp-notes.geojson";
    for (const auto& p : {stale, running, users}) {
        write(p, "partial");
    }
    CHECK(files::temporary_path_for(target).filename().string() ==
          ".plan.geojson.sidetrip-tmp-" + std::to_string(::getpid()) + ".geojson");
    files::remove_stale_temporaries(target);
    CHECK_FALSE(fs::exists(stale));
    CHECK(fs::exists(running));
    CHECK(fs::exists(users));
}
