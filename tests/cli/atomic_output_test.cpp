// Outputs are written to a temporary file, synced and renamed into place: a run killed at any
// moment leaves the old file or a complete new one, and what a killed run leaves behind does not
// disturb the next. No output flag may name one of the inputs (docs/errors.md).
#include "../support/local_servers.hpp"
#include "../support/run_program.hpp"

#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

#include <random>

using sidetrip::test::read_text;
using sidetrip::test::TempFolder;
using sidetrip::test::write_text;
namespace fs = std::filesystem;

namespace {

std::string source(const std::string& relative) {
    return std::string(SIDETRIP_SOURCE_DIR) + "/" + relative;
}

std::vector<std::string> plan_args(const std::string& calendar, const std::string& contacts) {
    return {"plan",   "--calendar", calendar, "--contacts", contacts,       "--home", "Lipa, Batangas",
            "--from", "2027-01-01", "--to",   "2027-02-01", "--iterations", "20"};
}

std::vector<std::string> with(std::vector<std::string> args, const std::vector<std::string>& more) {
    args.insert(args.end(), more.begin(), more.end());
    return args;
}

/// Starts the program, kills it with SIGKILL after `delay`, and reaps it.
void run_and_kill(const std::vector<std::string>& args, std::chrono::microseconds delay) {
    std::vector<std::string> argv_text = {SIDETRIP_EXE};
    argv_text.insert(argv_text.end(), args.begin(), args.end());
    std::vector<char*> argv;
    for (auto& a : argv_text) {
        argv.push_back(a.data());
    }
    argv.push_back(nullptr);
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0);
    posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0);
    pid_t pid = -1;
    const int rc = ::posix_spawn(&pid, argv[0], &actions, nullptr, argv.data(), environ);
    posix_spawn_file_actions_destroy(&actions);
    REQUIRE(rc == 0);
    std::this_thread::sleep_for(delay);
    ::kill(pid, SIGKILL);
    ::waitpid(pid, nullptr, 0);
}

/// A whole calendar as the program writes it: begins and ends as one, every event closed.
bool is_complete_calendar(const std::string& text) {
    auto count = [&](const std::string& what) {
        std::size_t n = 0;
        for (auto at = text.find(what); at != std::string::npos; at = text.find(what, at + 1)) {
            ++n;
        }
        return n;
    };
    return text.rfind("BEGIN:VCALENDAR\r\n", 0) == 0 && text.size() >= 15 &&
           text.compare(text.size() - 15, 15, "END:VCALENDAR\r\n") == 0 &&
           count("BEGIN:VEVENT") == count("END:VEVENT");
}

bool is_complete_html(const std::string& text) {
    return text.find("<html") != std::string::npos && text.find("</html>") != std::string::npos;
}

bool is_complete_json(const std::string& text) {
    return nlohmann::json::accept(text);
}

std::vector<std::string> temporaries(const fs::path& folder) {
    std::vector<std::string> out;
    for (const auto& entry : fs::directory_iterator(folder)) {
        if (entry.path().filename().string().find(".sidetrip-tmp-") != std::string::npos) {
            out.push_back(entry.path().filename().string());
        }
    }
    return out;
}

} // namespace

TEST_CASE("a plan killed at any moment leaves each output old or complete, and the next run cleans up",
          "[cli][atomic]") {
    TempFolder folder;
    ::setenv("XDG_CONFIG_HOME", (folder / "config").c_str(), 1);
    ::setenv("XDG_CACHE_HOME", (folder / "cache").c_str(), 1);
    ::setenv("HOME", folder.path().c_str(), 1);
    const auto ics = folder / "out.ics";
    const auto html = folder / "out.html";
    const auto map = folder / "out.geojson";
    const auto args = with(plan_args(source("samples/calendar.ics"), source("samples/contacts.vcf")),
                           {"-o", ics.string(), "--report", html.string(), "--map", map.string()});
    // The complete outputs, and how long a whole run takes.
    const auto whole = sidetrip::test::run_sidetrip(args, folder.path());
    REQUIRE(whole.exit_code == 0);
    const std::string new_ics = read_text(ics);
    REQUIRE(is_complete_calendar(new_ics));
    REQUIRE(new_ics.find("BEGIN:VEVENT") != std::string::npos);
    REQUIRE(is_complete_html(read_text(html)));
    REQUIRE(is_complete_json(read_text(map)));
    const auto run_time = std::chrono::duration<double>(whole.seconds);

    const std::string old_ics = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//old//EN\r\nEND:VCALENDAR\r\n";
    const std::string old_html = "<html>old</html>\n";
    const std::string old_map = "{\"type\": \"FeatureCollection\", \"features\": []}\n";
    std::mt19937 random(2027);
    // Half the kills anywhere in a run, half near its end, where the files are written.
    std::uniform_real_distribution<double> anywhere(0.0, 1.1);
    std::uniform_real_distribution<double> near_the_end(0.8, 1.5);
    int old_seen = 0;
    int new_seen = 0;
    for (int i = 0; i < 24; ++i) {
        write_text(ics, old_ics);
        write_text(html, old_html);
        write_text(map, old_map);
        const double fraction = i % 2 == 0 ? anywhere(random) : near_the_end(random);
        const auto delay = std::chrono::duration_cast<std::chrono::microseconds>(run_time * fraction);
        run_and_kill(args, delay);
        const std::string after_ics = read_text(ics);
        const std::string after_html = read_text(html);
        const std::string after_map = read_text(map);
        INFO("killed after " << delay.count() << " us of a " << whole.seconds << " s run");
        CHECK((after_ics == old_ics || is_complete_calendar(after_ics)));
        CHECK((after_html == old_html || is_complete_html(after_html)));
        CHECK((after_map == old_map || is_complete_json(after_map)));
        (after_ics == old_ics ? old_seen : new_seen) += 1;
    }
    // Some runs were cut short, some wrote their files before the signal came.
    CHECK(old_seen > 0);
    CHECK(new_seen > 0);

    // The next run is not disturbed by what the killed ones left, and removes it.
    const auto next = sidetrip::test::run_sidetrip(args, folder.path());
    CHECK(next.exit_code == 0);
    CHECK(is_complete_calendar(read_text(ics)));
    CHECK(temporaries(folder.path()).empty());
    // And the calendar it wrote is one the program reads back.
    const auto parsed = sidetrip::test::run_sidetrip({"events", "--calendar", ics.string(), "--from",
                                                      "2027-01-01", "--to", "2027-02-01", "--format", "json"},
                                                     folder.path());
    CHECK(parsed.exit_code == 0);
    CHECK_FALSE(nlohmann::json::parse(parsed.out).empty());
}

TEST_CASE("no output flag may name an input, also through a symlink or another spelling of its path",
          "[cli][atomic]") {
    TempFolder folder;
    fs::create_directories(folder / "in" / "sub");
    const auto calendar = folder / "in" / "calendar.ics";
    const auto contacts = folder / "in" / "contacts.vcf";
    const auto config = folder / "in" / "config.toml";
    fs::copy_file(source("samples/calendar.ics"), calendar);
    fs::copy_file(source("samples/contacts.vcf"), contacts);
    write_text(config, "[user]\nhome = \"Lipa, Batangas\"\n");
    fs::create_symlink(contacts, folder / "contacts-link.vcf");
    fs::create_symlink(calendar, folder / "calendar-map.geojson");
    const auto vdir = folder / "vdir";
    fs::create_directories(vdir);
    fs::copy_file(source("samples/calendar.ics"), vdir / "work.ics");
    const std::string before_calendar = read_text(calendar);
    const std::string before_contacts = read_text(contacts);
    const std::string before_vdir = read_text(vdir / "work.ics");

    const auto base = with(plan_args(calendar.string(), contacts.string()), {"--config", config.string()});
    const std::string other_spelling = (folder / "in" / "sub" / ".." / "." / "calendar.ics").string();
    const std::pair<std::vector<std::string>, std::string> refused[] = {
        {with(base, {"-o", calendar.string()}), "-o"},
        {with(base, {"-o", other_spelling}), "-o"},
        {with(base, {"--report", (folder / "contacts-link.vcf").string()}), "--report"},
        {with(base, {"--report", config.string()}), "--report"},
        {with(base, {"--map", (folder / "calendar-map.geojson").string()}), "--map"},
        {with(plan_args(vdir.string(), contacts.string()), {"-o", (vdir / "work.ics").string()}), "-o"},
        {with(base, {"-o", (folder / "same.html").string(), "--report", (folder / "same.html").string()}),
         "--report"},
    };
    for (const auto& [args, flag] : refused) {
        const auto r = sidetrip::test::run_sidetrip(args, folder.path());
        INFO(r.err);
        CHECK(r.exit_code == 2);
        CHECK(r.err.find(flag + " ") != std::string::npos);
        CHECK(r.out.empty());
    }
    CHECK(read_text(calendar) == before_calendar);
    CHECK(read_text(contacts) == before_contacts);
    CHECK(read_text(vdir / "work.ics") == before_vdir);
    CHECK(fs::is_symlink(folder / "contacts-link.vcf"));
    CHECK_FALSE(fs::exists(folder / "same.html"));
    CHECK(temporaries(folder.path()).empty());

    // A new file inside the vdir folder is not an input (yet): allowed.
    const auto beside = sidetrip::test::run_sidetrip(
        with(plan_args(vdir.string(), contacts.string()), {"-o", (vdir / "suggested.ics").string()}),
        folder.path());
    CHECK(beside.exit_code == 0);
    CHECK(fs::exists(vdir / "suggested.ics"));
}
