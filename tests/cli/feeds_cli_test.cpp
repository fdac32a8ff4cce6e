// The program with calendar feeds and CalDAV: failing feeds, --strict, --offline, --publish.
#include "../support/local_servers.hpp"

#include <catch2/catch.hpp>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <sys/wait.h>
#include <vector>

using sidetrip::test::read_text;
using sidetrip::test::TempFolder;
using sidetrip::test::write_text;
using json = nlohmann::json;

namespace {

struct Result {
    int code = -1;
    std::string out;
    std::string err;
};

/// Runs sidetrip with `args` (already shell-quoted where needed) and the environment `env`
/// (VAR=value words), its cache in `cache`.
Result sidetrip_run(const std::string& args, const TempFolder& folder, const std::string& env = "") {
    const auto out = folder / "stdout";
    const auto err = folder / "stderr";
    // umask 022, as on most desktops: modes the tests check must not depend on the runner's umask.
    const std::string command = "umask 022; env XDG_CACHE_HOME='" + (folder / "cache").string() + "' " + env +
                                " '" + SIDETRIP_EXE + "' " + args + " >'" + out.string() + "' 2>'" +
                                err.string() + "'";
    const int status = std::system(command.c_str());
    return {WIFEXITED(status) ? WEXITSTATUS(status) : -1, read_text(out), read_text(err)};
}

const std::string Event = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//test//test//EN\r\n"
                          "BEGIN:VEVENT\r\nUID:client-1\r\nDTSTAMP:20270101T000000Z\r\n"
                          "DTSTART:20270112T010000Z\r\nDTEND:20270112T020000Z\r\n"
                          "SUMMARY:Client meeting\r\nLOCATION:Makati City\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n";

const std::string Window = " --from 2027-01-01 --to 2027-02-01 --tz Asia/Manila --format json";

} // namespace

TEST_CASE("a failing feed is a warning and the others still load, and with --strict it is exit 3", "[cli][feeds]") {
    TempFolder folder;
    sidetrip::test::ScriptedHttpServer server(json{{"/good.ics", {{{"body", Event}}}}});
    const std::string secret = "private-0123456789abcdef0123456789abcdef";
    const std::string args =
        "events -c " + server.url("/good.ics") + " -c " + server.url("/" + secret + "/basic.ics") + Window;
    const auto loose = sidetrip_run(args, folder);
    CHECK(loose.code == 0);
    const auto events = json::parse(loose.out);
    REQUIRE(events.size() == 1);
    CHECK(events[0]["summary"] == "Client meeting");
    CHECK(loose.err.find("404 Not Found") != std::string::npos);
    CHECK(loose.err.find("skipped") != std::string::npos);
    CHECK(loose.err.find(secret) == std::string::npos);
    CHECK(loose.err.find("REDACTED") != std::string::npos);

    const auto strict = sidetrip_run("--strict " + args, folder);
    CHECK(strict.code == 3);
    CHECK(strict.out.empty());
    CHECK(strict.err.find("404 Not Found") != std::string::npos);

    const auto only_bad = sidetrip_run("events -c " + server.url("/missing.ics") + Window, folder);
    CHECK(only_bad.code == 3);
}

TEST_CASE("a feed that fails later is read from its cached copy, with its age, and --offline never asks",
          "[cli][feeds]") {
    TempFolder folder;
    sidetrip::test::ScriptedHttpServer server(json{{"/cal.ics", {{{"body", Event}}, {{"status", 404}}}}});
    const std::string args = "events -c webcal://ignored.invalid/none.ics" + Window;
    // webcal is fetched as https: an unknown host fails, with nothing cached: exit 3.
    CHECK(sidetrip_run(args, folder).code == 3);

    const std::string feed = "events -c " + server.url("/cal.ics") + Window;
    const auto first = sidetrip_run(feed, folder);
    REQUIRE(first.code == 0);
    const auto later = sidetrip_run(feed, folder);
    CHECK(later.code == 0);
    CHECK(json::parse(later.out).size() == 1);
    CHECK(later.err.find("404") != std::string::npos);
    CHECK(later.err.find("using the cached copy fetched") != std::string::npos);

    const auto before = server.requests().size();
    const auto offline = sidetrip_run("--offline " + feed, folder);
    CHECK(offline.code == 0);
    CHECK(json::parse(offline.out).size() == 1);
    CHECK(offline.err.find("cached copy fetched") != std::string::npos);
    CHECK(offline.err.find("--offline") != std::string::npos);
    CHECK(server.requests().size() == before);

    const auto nothing = sidetrip_run("--offline events -c " + server.url("/never.ics") + Window, folder);
    CHECK(nothing.code == 3);
    CHECK(nothing.err.find("no cached copy") != std::string::npos);
}

TEST_CASE("a password in a feed address is refused (exit 2): credentials belong in netrc", "[cli][feeds]") {
    TempFolder folder;
    const auto run = sidetrip_run("events -c https://ana:hunter2@example.com/cal.ics" + Window, folder);
    CHECK(run.code == 2);
    CHECK(run.err.find("netrc") != std::string::npos);
    CHECK(run.err.find("hunter2") == std::string::npos);
}

TEST_CASE("plan --publish puts the meetups into a CalDAV calendar, then updates them",
          "[cli][feeds][caldav]") {
    TempFolder folder;
    sidetrip::test::RadicaleServer radicale(folder / "users");
    write_text(folder / "netrc", "machine 127.0.0.1 login ana password secret\n");
    const std::string env = "NETRC='" + (folder / "netrc").string() + "'";
    radicale.create_calendar("ana", "trips");
    const std::string scenario = std::string(SIDETRIP_SOURCE_DIR) + "/samples/scenario-1-lipa/";
    const std::string args =
        "plan --calendar '" + scenario + "calendar.ics' --contacts '" + scenario +
        "contacts.vcf' --home 'Lipa, Batangas' --from 2027-01-01 --to 2027-02-01 --iterations 200 "
        "--publish caldav:" +
        radicale.url("/ana/trips/");
    const auto first = sidetrip_run(args, folder, env);
    REQUIRE(first.code == 0);
    CHECK(first.out.find(" new, 0 updated, 0 left alone") != std::string::npos);
    CHECK(first.out.find("Published to 0 new") == std::string::npos);
    const auto second = sidetrip_run(args, folder, env);
    REQUIRE(second.code == 0);
    CHECK(second.out.find(": 0 new,") != std::string::npos);

    // Read back through the program: the published meetups are events of that calendar.
    const auto back = sidetrip_run("events -c caldav:" + radicale.url("/ana/trips/") + Window, folder, env);
    REQUIRE(back.code == 0);
    const auto events = json::parse(back.out);
    CHECK(events.size() >= 2);
    for (const auto& e : events) {
        CHECK(e["uid"].get<std::string>().find("sidetrip-") != std::string::npos);
        CHECK(e["status"] == "tentative");
    }
    const auto denied = sidetrip_run(args, folder);
    CHECK(denied.code == 3);
    CHECK(denied.err.find("401") != std::string::npos);
}

namespace {

unsigned mode_of(const std::filesystem::path& path) {
    return static_cast<unsigned>(std::filesystem::status(path).permissions() & std::filesystem::perms::all);
}

} // namespace

TEST_CASE(
    "an https feed that redirects to plain http is exit 3, saying why, and the http server hears nothing",
    "[cli][feeds]") {
    TempFolder folder;
    sidetrip::test::TestCertificate certificate(folder.path());
    sidetrip::test::ScriptedHttpServer plain(json{{"/cal.ics", {{{"body", Event}}}}});
    sidetrip::test::ScriptedHttpServer secure(
        json{{"/cal.ics", {{{"status", 302}, {"headers", {{"Location", plain.url("/cal.ics")}}}}}}},
        &certificate);
    write_text(folder / "netrc", "machine 127.0.0.1 login ana password hunter2\n");
    std::filesystem::permissions(folder / "netrc",
                                 std::filesystem::perms::owner_read | std::filesystem::perms::owner_write);
    const std::string env =
        "NETRC='" + (folder / "netrc").string() + "' SIDETRIP_CA_FILE='" + certificate.cert.string() + "'";
    const auto run = sidetrip_run("events -c " + secure.url("/cal.ics") + Window, folder, env);
    CHECK(run.code == 3);
    CHECK(run.err.find("from https to plain http") != std::string::npos);
    CHECK(plain.requests().empty());
}

TEST_CASE("credentials over plain http and a netrc others can read are warned about on stderr",
          "[cli][feeds]") {
    TempFolder folder;
    sidetrip::test::ScriptedHttpServer server(
        json{{"/private.ics", {{{"auth", "ana:hunter2"}, {"body", Event}}}}});
    write_text(folder / "netrc", "machine 127.0.0.1 login ana password hunter2\n");
    const std::string env = "NETRC='" + (folder / "netrc").string() + "'";
    std::filesystem::permissions(folder / "netrc", static_cast<std::filesystem::perms>(0644));
    const auto loose = sidetrip_run("events -c " + server.url("/private.ics") + Window, folder, env);
    CHECK(loose.code == 0);
    CHECK(loose.err.find("chmod 600") != std::string::npos);
    CHECK(loose.err.find("over plain http") != std::string::npos);
    CHECK(loose.err.find("hunter2") == std::string::npos);

    std::filesystem::permissions(folder / "netrc", static_cast<std::filesystem::perms>(0600));
    const auto tight = sidetrip_run("--quiet events -c " + server.url("/private.ics") + Window, folder, env);
    CHECK(tight.code == 0);
    CHECK(tight.err.find("chmod 600") == std::string::npos);
    CHECK(tight.err.find("over plain http") != std::string::npos); // --quiet does not hide it
}

TEST_CASE("the feed cache is created 0700 with files 0600, and an existing loose one is tightened, saying so",
          "[cli][feeds]") {
    TempFolder folder;
    sidetrip::test::ScriptedHttpServer server(json{{"/cal.ics", {{{"body", Event}}}}});
    const auto feeds = folder / "cache" / "sidetrip" / "feeds";
    const std::string args = "events -c " + server.url("/cal.ics") + Window;
    SECTION("a new cache") {
        REQUIRE(sidetrip_run(args, folder).code == 0);
        CHECK(mode_of(folder / "cache" / "sidetrip") == 0700);
        CHECK(mode_of(feeds) == 0700);
    }
    SECTION("a cache an older sidetrip left readable") {
        std::filesystem::create_directories(feeds);
        std::filesystem::permissions(folder / "cache" / "sidetrip",
                                     static_cast<std::filesystem::perms>(0755));
        std::filesystem::permissions(feeds, static_cast<std::filesystem::perms>(0755));
        const auto run = sidetrip_run(args, folder);
        REQUIRE(run.code == 0);
        CHECK(mode_of(folder / "cache" / "sidetrip") == 0700);
        CHECK(mode_of(feeds) == 0700);
        CHECK(run.err.find("(mode 0755)") != std::string::npos);
        CHECK(run.err.find("now 0700") != std::string::npos);
    }
    std::size_t files = 0;
    for (const auto& entry : std::filesystem::directory_iterator(feeds)) {
        ++files;
        INFO(entry.path());
        CHECK(mode_of(entry.path()) == 0600);
    }
    CHECK(files == 2);
}

TEST_CASE("secret feed addresses are hidden in errors and in the JSON source of events", "[cli][feeds]") {
    TempFolder folder;
    const std::string token = "3f9a1c7e5b2d4f6a8c0e";
    const std::string encoded = "Zm9vYmFyYmF6cXV4MTIz%3D%3D";
    const std::string outlook = "00112233445566778899aabbccddeeff";
    sidetrip::test::ScriptedHttpServer server(
        json{{"/export/" + token + ".ics", {{{"body", Event}}}},
             {"/u/" + encoded + "/cal", {{{"status", 403}}}},
             {"/owa/calendar/" + outlook + "@contoso.com/reachcalendar.ics", {{{"status", 403}}}}});
    const auto ok = sidetrip_run("events -c " + server.url("/export/" + token + ".ics") + Window, folder);
    REQUIRE(ok.code == 0);
    const auto events = json::parse(ok.out);
    REQUIRE(events.size() == 1);
    const std::string source = events[0]["source"];
    CHECK(source.find(token) == std::string::npos);
    CHECK(source.find("/export/REDACTED.ics") != std::string::npos);

    for (const std::string& path :
         {"/u/" + encoded + "/cal", "/owa/calendar/" + outlook + "@contoso.com/reachcalendar.ics"}) {
        INFO(path);
        const auto refused = sidetrip_run("events -c '" + server.url(path) + "'" + Window, folder);
        CHECK(refused.code == 3);
        CHECK(refused.err.find("secret address was reset") != std::string::npos);
        CHECK(refused.err.find(encoded) == std::string::npos);
        CHECK(refused.err.find("Zm9v") == std::string::npos);
        CHECK(refused.err.find(outlook) == std::string::npos);
    }
}

TEST_CASE(
    "calendar sources can be listed in a file given as @FILE, keeping a secret address off the command line",
    "[cli][feeds]") {
    TempFolder folder;
    sidetrip::test::ScriptedHttpServer server(
        json{{"/private-0123456789abcdef0123/basic.ics", {{{"body", Event}}}}});
    write_text(folder / "calendars",
               "# my feeds\n\n  " + server.url("/private-0123456789abcdef0123/basic.ics") + "  \n");
    const auto run = sidetrip_run("events -c @'" + (folder / "calendars").string() + "'" + Window, folder);
    CHECK(run.code == 0);
    REQUIRE(json::parse(run.out).size() == 1);
    CHECK(server.requests().size() == 1);

    write_text(folder / "empty", "# nothing yet\n");
    const auto empty = sidetrip_run("events -c @'" + (folder / "empty").string() + "'" + Window, folder);
    CHECK(empty.code == 2);
    CHECK(empty.err.find("lists no calendar") != std::string::npos);
    const auto missing = sidetrip_run("events -c @'" + (folder / "nope").string() + "'" + Window, folder);
    CHECK(missing.code == 2);
}

TEST_CASE("a netrc login is not sent on when a feed redirects to another port of the same host",
          "[cli][feeds]") {
    TempFolder folder;
    sidetrip::test::ScriptedHttpServer other(json{{"/cal.ics", {{{"body", Event}}}}});
    sidetrip::test::ScriptedHttpServer first(
        json{{"/cal.ics", {{{"status", 302}, {"headers", {{"Location", other.url("/cal.ics")}}}}}}});
    write_text(folder / "netrc", "machine 127.0.0.1 login ana password hunter2\n");
    std::filesystem::permissions(folder / "netrc",
                                 std::filesystem::perms::owner_read | std::filesystem::perms::owner_write);
    const std::string env = "NETRC='" + (folder / "netrc").string() + "'";
    const auto run = sidetrip_run("events -c " + first.url("/cal.ics") + Window, folder, env);
    CHECK(run.code == 0);
    REQUIRE(first.requests().size() == 1);
    CHECK(first.received_text().find("Authorization") != std::string::npos); // the address given
    REQUIRE(other.requests().size() == 1);
    CHECK(other.received_text().find("Authorization") == std::string::npos); // not where it led
}
