// Calendar feeds and CalDAV against real servers on 127.0.0.1: the scripted HTTP(S) server of
// tests/support (fault injection) and Radicale.
#include "../support/local_servers.hpp"

#include "sidetrip/calendar/calendar_reader.hpp"
#include "sidetrip/calendar/feeds.hpp"
#include "sidetrip/calendar/ics_writer.hpp"
#include "sidetrip/core/error.hpp"
#include "sidetrip/net/http.hpp"

#include <catch2/catch.hpp>

#include <chrono>
#include <cstdlib>
#include <map>
#include <set>
#include <sys/stat.h>

using namespace sidetrip;
using namespace sidetrip::calendar;
using sidetrip::test::RadicaleServer;
using sidetrip::test::ScriptedHttpServer;
using sidetrip::test::TempFolder;
using json = nlohmann::json;

namespace {

const std::string OneEvent =
    "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//test//test//EN\r\n"
    "BEGIN:VEVENT\r\nUID:client-1\r\nDTSTAMP:20270101T000000Z\r\n"
    "DTSTART:20270112T010000Z\r\nDTEND:20270112T020000Z\r\n"
    "SUMMARY:Client meeting\r\nLOCATION:Makati City\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n";

/// Fast retries, short timeouts: the faults below must not make the suite slow.
net::HttpOptions quick() {
    net::HttpOptions o;
    o.connect_timeout = std::chrono::milliseconds(2000);
    o.total_timeout = std::chrono::milliseconds(3000);
    o.max_attempts = 3;
    o.backoff_base = std::chrono::milliseconds(50);
    return o;
}

/// The ServiceError message of `f`, or "no error".
template <class F> std::string service_error(F&& f) {
    try {
        f();
    } catch (const ServiceError& e) {
        return e.what();
    }
    return "no error";
}

/// Feed options with the cache in `dir`, online.
FeedOptions cache_in(const std::string& dir) {
    FeedOptions options;
    options.cache_dir = dir;
    return options;
}

double seconds_since(std::chrono::steady_clock::time_point start) {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

} // namespace

TEST_CASE("secret parts of feed addresses are redacted", "[calendar][feeds]") {
    CHECK(net::redact_url("https://calendar.google.com/calendar/ical/ana%40example.com/"
                          "private-0123456789abcdef0123456789abcdef/basic.ics") ==
          "https://calendar.google.com/calendar/ical/REDACTED@example.com/REDACTED/basic.ics");
    // An address is a person's: hidden even when it is not a token.
    CHECK(net::redact_url("https://outlook.office365.com/owa/calendar/0b1c2d3e4f@contoso.com/"
                          "a1b2c3d4e5f6a7b8/reachcalendar.ics") ==
          "https://outlook.office365.com/owa/calendar/REDACTED@contoso.com/REDACTED/reachcalendar.ics");
    CHECK(net::redact_url("https://calendar.google.com/calendar/ical/ana%40example.com/public/basic.ics") ==
          "https://calendar.google.com/calendar/ical/REDACTED@example.com/public/basic.ics");
    CHECK(net::redact_url("https://www.tripit.com/feed/ical/private/8F3A2B9C-1D2E3F4A5B6C7D8E/tripit.ics") ==
          "https://www.tripit.com/feed/ical/private/REDACTED/tripit.ics");
    CHECK(net::redact_url("https://outlook.office365.com/owa/calendar/1a2b3c4d5e6f7a8b9c0d/"
                          "f1e2d3c4b5a697887766554433221100aabbccdd/calendar.ics") ==
          "https://outlook.office365.com/owa/calendar/REDACTED/REDACTED/calendar.ics");
    CHECK(net::redact_url("https://example.com/cal.ics?token=s3cr3t&user=ana") ==
          "https://example.com/cal.ics?token=REDACTED&user=REDACTED");
    CHECK(net::redact_url("https://ana:pw@example.com:8443/dav/work/") ==
          "https://example.com:8443/dav/work/");
    CHECK(net::redact_in("GET https://x.org/a?k=v failed", "https://x.org/a?k=v") ==
          "GET https://x.org/a?k=REDACTED failed");
}

TEST_CASE("Retry-After is read as seconds or as an HTTP date", "[calendar][feeds]") {
    CHECK(net::parse_retry_after("7") == 7.0);
    const auto now = std::chrono::system_clock::from_time_t(784111777); // Sun, 06 Nov 1994 08:49:37 GMT
    CHECK(net::parse_retry_after("Sun, 06 Nov 1994 08:50:07 GMT", now) == 30.0);
    CHECK_FALSE(net::parse_retry_after("soon").has_value());
    CHECK_FALSE(net::parse_retry_after("").has_value());
}

TEST_CASE("a feed is fetched gzipped, cached, and asked for again with its ETag", "[calendar][feeds]") {
    TempFolder cache;
    ScriptedHttpServer server(json{{"/cal.ics",
                                    {{{"body", OneEvent},
                                      {"gzip", true},
                                      {"etag", "\"v1\""},
                                      {"headers", {{"Last-Modified", "Tue, 01 Dec 2026 10:00:00 GMT"}}}}}}});
    FeedOptions options;
    options.cache_dir = cache.path().string();
    net::HttpClient client(quick());
    const auto first = fetch_feed(server.url("/cal.ics"), options, client);
    CHECK_FALSE(first.from_cache);
    CHECK(first.content == OneEvent);
    const auto second = fetch_feed(server.url("/cal.ics"), options, client);
    CHECK(second.from_cache);
    CHECK(second.content == OneEvent);
    CHECK(second.note.find("not modified") != std::string::npos);
    const auto requests = server.requests();
    REQUIRE(requests.size() == 2);
    CHECK(requests[0]["headers"].value("Accept-Encoding", "").find("gzip") != std::string::npos);
    CHECK(requests[1]["headers"].value("If-None-Match", "") == "\"v1\"");
    CHECK(requests[1]["headers"].value("If-Modified-Since", "") == "Tue, 01 Dec 2026 10:00:00 GMT");
    CHECK(requests[0]["headers"].value("User-Agent", "").rfind("sidetrip/", 0) == 0);

    SECTION("offline, the cached copy is used and nothing is sent") {
        options.offline = true;
        const auto offline = fetch_feed(server.url("/cal.ics"), options, client);
        CHECK(offline.from_cache);
        CHECK(offline.content == OneEvent);
        CHECK(offline.age.count() < 60);
        CHECK(server.requests().size() == 2);
        CHECK(service_error([&] {
                  fetch_feed(server.url("/other.ics"), options, client);
              }).find("no cached copy") != std::string::npos);
    }
}

TEST_CASE("webcal addresses are fetched as https", "[calendar][feeds]") {
    CHECK(net::normalize_feed_url("webcal://example.com/a.ics") == "https://example.com/a.ics");
    CHECK(net::normalize_feed_url("webcals://example.com/a.ics") == "https://example.com/a.ics");
    CHECK(net::normalize_feed_url("http://example.com/a.ics") == "http://example.com/a.ics");
}

TEST_CASE("500 then 200 is retried and succeeds", "[calendar][feeds]") {
    TempFolder cache;
    ScriptedHttpServer server(
        json{{"/cal.ics", {{{"status", 500}}, {{"status", 502}}, {{"body", OneEvent}}}}});
    net::HttpClient client(quick());
    const auto feed = fetch_feed(server.url("/cal.ics"), cache_in(cache.path().string()), client);
    CHECK(feed.content == OneEvent);
    CHECK(client.attempts() == 3);
}

TEST_CASE("429 with Retry-After is honoured, and a wait longer than allowed fails at once",
          "[calendar][feeds]") {
    TempFolder cache;
    ScriptedHttpServer server(
        json{{"/cal.ics", {{{"status", 429}, {"headers", {{"Retry-After", "1"}}}}, {{"body", OneEvent}}}},
             {"/busy.ics", {{{"status", 503}, {"headers", {{"Retry-After", "3600"}}}}}}});
    net::HttpClient client(quick());
    std::vector<double> waits;
    auto options = quick();
    options.on_wait = [&](double seconds, const std::string&) { waits.push_back(seconds); };
    net::HttpClient watched(options);
    const auto start = std::chrono::steady_clock::now();
    CHECK(fetch_feed(server.url("/cal.ics"), cache_in(cache.path().string()), watched).content == OneEvent);
    CHECK(seconds_since(start) >= 0.95);
    REQUIRE(waits.size() == 1);
    CHECK(waits[0] == 1.0);
    const auto message =
        service_error([&] { fetch_feed(server.url("/busy.ics"), cache_in(cache.path().string()), client); });
    CHECK(message.find("503") != std::string::npos);
    CHECK(message.find("3600") != std::string::npos);
    CHECK(client.attempts() == 1);
}

TEST_CASE("a server that keeps failing gives up after the bounded attempts, naming the status",
          "[calendar][feeds]") {
    TempFolder cache;
    ScriptedHttpServer server(json{{"/cal.ics", {{{"status", 503}}}}});
    net::HttpClient client(quick());
    const auto message =
        service_error([&] { fetch_feed(server.url("/cal.ics"), cache_in(cache.path().string()), client); });
    CHECK(message.find("503 Service Unavailable") != std::string::npos);
    CHECK(message.find("3 attempts") != std::string::npos);
    CHECK(client.attempts() == 3);
    CHECK(server.requests().size() == 3);
}

TEST_CASE("slow, truncated, oversized and redirecting answers are handled", "[calendar][feeds]") {
    TempFolder cache;
    const std::string big(300 * 1024, 'x');
    ScriptedHttpServer server(json{{"/slow.ics", {{{"delay", 3}, {"body", OneEvent}}}},
                                   {"/cut.ics", {{{"body", OneEvent}, {"truncate", 40}}}},
                                   {"/big.ics", {{{"body", "BEGIN:VCALENDAR\r\n" + big}}}},
                                   {"/a", {{{"status", 302}, {"headers", {{"Location", "/b"}}}}}},
                                   {"/b", {{{"status", 301}, {"headers", {{"Location", "/cal.ics"}}}}}},
                                   {"/cal.ics", {{{"body", OneEvent}}}},
                                   {"/loop", {{{"status", 302}, {"headers", {{"Location", "/loop"}}}}}}});
    FeedOptions feeds = cache_in(cache.path().string());
    auto options = quick();
    options.total_timeout = std::chrono::milliseconds(700);
    options.max_attempts = 1;
    options.max_body_bytes = 200 * 1024;
    net::HttpClient client(options);

    const auto start = std::chrono::steady_clock::now();
    CHECK(service_error([&] { fetch_feed(server.url("/slow.ics"), feeds, client); }).find("timed out") !=
          std::string::npos);
    CHECK(seconds_since(start) < 2.5);
    CHECK(service_error([&] { fetch_feed(server.url("/cut.ics"), feeds, client); }).find("cut off") !=
          std::string::npos);
    CHECK(service_error([&] { fetch_feed(server.url("/big.ics"), feeds, client); }).find("larger than") !=
          std::string::npos);
    CHECK(fetch_feed(server.url("/a"), feeds, client).content == OneEvent);
    CHECK(service_error([&] { fetch_feed(server.url("/loop"), feeds, client); }).find("too many redirects") !=
          std::string::npos);
}

TEST_CASE("refusals and wrong content are clear errors that never show the secret", "[calendar][feeds]") {
    TempFolder cache;
    ScriptedHttpServer server(json{{"/401", {{{"status", 401}}}},
                                   {"/403", {{{"status", 403}}}},
                                   {"/html", {{{"body", "<!DOCTYPE html><title>Sign in</title>"}}}}});
    FeedOptions feeds = cache_in(cache.path().string());
    net::HttpClient client(quick());
    const std::string secret = "private-5f4dcc3b5aa765d61d8327deb882cf99";
    auto error_for = [&](const std::string& path) {
        return service_error([&] { fetch_feed(server.url(path + "?key=" + secret), feeds, client); });
    };
    CHECK(error_for("/401").find("~/.netrc") != std::string::npos);
    CHECK(error_for("/403").find("403 Forbidden") != std::string::npos);
    CHECK(error_for("/missing/" + secret + "/basic.ics").find("404 Not Found") != std::string::npos);
    CHECK(error_for("/html").find("not an iCalendar file") != std::string::npos);
    for (const auto& path : {"/401", "/403", "/html"}) {
        CHECK(error_for(path).find(secret) == std::string::npos);
    }
    CHECK(error_for("/missing/" + secret + "/basic.ics").find(secret) == std::string::npos);
}

TEST_CASE("connection refused and unknown hosts are service errors naming the address", "[calendar][feeds]") {
    TempFolder cache;
    FeedOptions feeds = cache_in(cache.path().string());
    net::HttpClient client(quick());
    const int port = test::free_loopback_port();
    const auto refused = service_error(
        [&] { fetch_feed("http://127.0.0.1:" + std::to_string(port) + "/x.ics", feeds, client); });
    CHECK(refused.find("cannot connect") != std::string::npos);
    CHECK(refused.find("127.0.0.1:" + std::to_string(port)) != std::string::npos);
    CHECK(service_error([&] {
              fetch_feed("http://no-such-host.invalid/x.ics", feeds, client);
          }).find("no-such-host.invalid") != std::string::npos);
}

TEST_CASE("credentials come from netrc, never from the address", "[calendar][feeds]") {
    TempFolder folder;
    ScriptedHttpServer server(json{{"/private.ics", {{{"auth", "ana:s3cret"}, {"body", OneEvent}}}}});
    test::write_text(folder / "netrc", "machine 127.0.0.1 login ana password s3cret\n");
    ::setenv("NETRC", (folder / "netrc").c_str(), 1);
    net::HttpClient client(quick());
    FeedOptions feeds = cache_in((folder / "cache").string());
    const auto fetched = fetch_feed(server.url("/private.ics"), feeds, client);
    ::unsetenv("NETRC");
    CHECK(fetched.content == OneEvent);
    CHECK_THROWS_AS(
        fetch_feed("http://ana:s3cret@127.0.0.1:" + std::to_string(server.port()) + "/private.ics", feeds,
                   client),
        InputError);
}

TEST_CASE("https is verified: a self-signed server fails until its certificate is trusted",
          "[calendar][feeds]") {
    TempFolder folder;
    test::TestCertificate certificate(folder.path());
    ScriptedHttpServer server(json{{"/cal.ics", {{{"body", OneEvent}}}}}, &certificate);
    FeedOptions feeds = cache_in((folder / "cache").string());
    net::HttpClient untrusting(quick());
    CHECK(service_error([&] { fetch_feed(server.url("/cal.ics"), feeds, untrusting); }).find("certificate") !=
          std::string::npos);
    auto options = quick();
    options.ca_file = certificate.cert.string();
    net::HttpClient trusting(options);
    CHECK(fetch_feed(server.url("/cal.ics"), feeds, trusting).content == OneEvent);
}

TEST_CASE("a WebDAV multistatus is parsed, and anything else is a service error", "[calendar][feeds]") {
    const std::string xml = R"(<?xml version="1.0"?>
<d:multistatus xmlns:d="DAV:" xmlns:c="urn:ietf:params:xml:ns:caldav">
 <d:response><d:href>/dav/ana/work/a.ics</d:href>
  <d:propstat><d:prop><d:getetag>"e1"</d:getetag><c:calendar-data>BEGIN:VCALENDAR&#13;
END:VCALENDAR</c:calendar-data></d:prop><d:status>HTTP/1.1 200 OK</d:status></d:propstat></d:response>
 <d:response><d:href>/dav/ana/work/gone.ics</d:href><d:status>HTTP/1.1 404 Not Found</d:status></d:response>
</d:multistatus>)";
    const auto resources = parse_multistatus(xml, "https://cloud.example.com/dav/ana/work/");
    REQUIRE(resources.size() == 1);
    CHECK(resources[0].href == "https://cloud.example.com/dav/ana/work/a.ics");
    CHECK(resources[0].etag == "\"e1\"");
    CHECK(resources[0].data.rfind("BEGIN:VCALENDAR", 0) == 0);
    CHECK_THROWS_AS(parse_multistatus("<html>hello</html>", "https://x.org/"), ServiceError);
    CHECK_THROWS_AS(parse_multistatus("", "https://x.org/"), ServiceError);
    CHECK_THROWS_AS(
        parse_multistatus("<?xml version=\"1.0\"?><!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/passwd\">]>"
                          "<x>&e;</x>",
                          "https://x.org/"),
        ServiceError);
}

namespace {

/// A CalDAV collection of Radicale's, created for user ana (password "secret", via netrc).
struct RadicaleCalendar {
    TempFolder folder;
    RadicaleServer server;
    std::string collection;
    RadicaleCalendar() : server(folder / "users") {
        test::write_text(folder / "netrc", "machine 127.0.0.1 login ana password secret\n");
        ::setenv("NETRC", (folder / "netrc").c_str(), 1);
        collection = server.url("/ana/work/");
        net::HttpClient client;
        net::HttpRequest mkcalendar;
        mkcalendar.method = "MKCALENDAR";
        mkcalendar.url = collection;
        REQUIRE(client.perform(mkcalendar).status == 201);
    }
    ~RadicaleCalendar() { ::unsetenv("NETRC"); }
    void put(const std::string& name, const std::string& ics) {
        net::HttpClient client;
        net::HttpRequest request;
        request.method = "PUT";
        request.url = collection + name;
        request.body = ics;
        request.headers = {{"Content-Type", "text/calendar"}};
        REQUIRE(client.perform(request).status == 201);
    }
};

} // namespace

TEST_CASE("CalDAV: the events of a Radicale calendar in a time range are read", "[calendar][feeds][caldav]") {
    RadicaleCalendar calendar;
    calendar.put("client-1.ics", OneEvent);
    calendar.put("weekly.ics", "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//test//test//EN\r\n"
                               "BEGIN:VEVENT\r\nUID:weekly-1\r\nDTSTAMP:20270101T000000Z\r\n"
                               "DTSTART:20261201T020000Z\r\nDTEND:20261201T030000Z\r\nRRULE:FREQ=WEEKLY\r\n"
                               "SUMMARY:Standup\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n");
    calendar.put("old.ics", "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//test//test//EN\r\n"
                            "BEGIN:VEVENT\r\nUID:old-1\r\nDTSTAMP:20270101T000000Z\r\n"
                            "DTSTART:20250101T020000Z\r\nDTEND:20250101T030000Z\r\n"
                            "SUMMARY:Long ago\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n");
    TempFolder cache;
    FeedOptions feeds = cache_in(cache.path().string());
    net::HttpClient client(quick());
    using namespace std::chrono;
    const sys_seconds start{sys_days{year{2027} / 1 / 10}};
    const sys_seconds end{sys_days{year{2027} / 1 / 20}};
    const auto resources = caldav_query(calendar.collection, start, end, feeds, client);
    std::set<std::string> names;
    for (const auto& r : resources) {
        names.insert(r.href.substr(r.href.rfind('/') + 1));
        CHECK_FALSE(r.etag.empty());
    }
    CHECK(names == std::set<std::string>{"client-1.ics", "weekly.ics"});

    // The whole source as the program reads it: the series expanded in the window.
    Diagnostics diagnostics;
    CalendarReadOptions read;
    read.window_start = start;
    read.window_end = end;
    const auto occurrences = read_calendar("caldav:" + calendar.collection, read, diagnostics);
    REQUIRE(occurrences.size() == 3); // the meeting and two standups
    CHECK(occurrences[0].summary == "Client meeting");

    SECTION("offline, the last answer is used") {
        feeds.offline = true;
        CHECK(caldav_query(calendar.collection, start, end, feeds, client).size() == 2);
    }
    SECTION("wrong credentials are a 401 naming netrc") {
        TempFolder other;
        test::write_text(other / "netrc", "machine 127.0.0.1 login ana password wrong\n");
        ::setenv("NETRC", (other / "netrc").c_str(), 1);
        CHECK(service_error([&] {
                  caldav_query(calendar.collection, start, end, feeds, client);
              }).find("401") != std::string::npos);
    }
    SECTION("a collection that does not exist is a clear error") {
        CHECK(service_error([&] {
                  caldav_query(calendar.server.url("/ana/nothing/"), start, end, feeds, client);
              }) != "no error");
    }
}

TEST_CASE("CalDAV: publishing creates, then updates our events, and never overwrites the user's",
          "[calendar][feeds][caldav]") {
    RadicaleCalendar calendar;
    auto event = [](const std::string& uid, const std::string& summary) {
        Occurrence o;
        o.uid = uid;
        o.summary = summary;
        o.start_utc = std::chrono::sys_seconds{std::chrono::sys_days{std::chrono::year{2027} / 1 / 12}};
        o.end_utc = o.start_utc + std::chrono::hours{1};
        o.timezone = "Asia/Manila";
        o.display_zone = "Asia/Manila";
        o.status = "tentative";
        return PublishItem{uid, write_ics({o})};
    };
    net::HttpClient client(quick());
    auto first = caldav_publish(
        calendar.collection,
        {event("sidetrip-aaa@sidetrip", "Lunch with Ana"), event("sidetrip-bbb@sidetrip", "Coffee with Ben")},
        client);
    CHECK(first.created == 2);
    CHECK(first.updated == 0);

    // The user keeps an event of their own where ours would go.
    const std::string users = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//test//test//EN\r\n"
                              "BEGIN:VEVENT\r\nUID:my-own\r\nDTSTAMP:20270101T000000Z\r\n"
                              "DTSTART:20270112T010000Z\r\nDTEND:20270112T020000Z\r\n"
                              "SUMMARY:Mine\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n";
    calendar.put("sidetrip-ccc@sidetrip.ics", users);

    auto second = caldav_publish(calendar.collection,
                                 {event("sidetrip-aaa@sidetrip", "Dinner with Ana"),
                                  event("sidetrip-bbb@sidetrip", "Coffee with Ben"),
                                  event("sidetrip-ccc@sidetrip", "Drinks with Cy")},
                                 client);
    CHECK(second.created == 0);
    CHECK(second.updated == 2);
    REQUIRE(second.left_alone.size() == 1);
    CHECK(second.left_alone[0].find("did not write") != std::string::npos);

    TempFolder cache;
    const auto resources = caldav_query(
        calendar.collection, std::chrono::sys_seconds{std::chrono::sys_days{std::chrono::year{2027} / 1 / 1}},
        std::chrono::sys_seconds{std::chrono::sys_days{std::chrono::year{2027} / 2 / 1}},
        cache_in(cache.path().string()), client);
    std::map<std::string, std::string> by_name;
    for (const auto& r : resources) {
        by_name[r.href.substr(r.href.rfind('/') + 1)] = r.data;
    }
    REQUIRE(by_name.size() == 3);
    CHECK(by_name["sidetrip-aaa%40sidetrip.ics"].find("Dinner with Ana") != std::string::npos);
    CHECK(by_name["sidetrip-ccc%40sidetrip.ics"].find("SUMMARY:Mine") != std::string::npos);
}

TEST_CASE("token-like path segments are redacted too: file names, percent-encoded and @ addresses",
          "[calendar][feeds]") {
    CHECK(net::redact_url("https://cal.example.com/export/3f9a1c7e5b2d4f6a8c0e.ics") ==
          "https://cal.example.com/export/REDACTED.ics");
    CHECK(net::redact_url("https://cal.example.com/u/Zm9vYmFyYmF6cXV4MTIz%3D%3D/cal") ==
          "https://cal.example.com/u/REDACTED/cal");
    CHECK(net::redact_url("https://outlook.office365.com/owa/calendar/"
                          "00112233445566778899aabbccddeeff@contoso.com/"
                          "a1b2c3d4e5f6a7b8c9d0e1f2a3b4c5d6e7f8/reachcalendar.ics") ==
          "https://outlook.office365.com/owa/calendar/REDACTED@contoso.com/REDACTED/reachcalendar.ics");
    // Short tokens of mixed case and digits, and hex ids.
    CHECK(net::redact_url("https://x.org/s/aB3dE6gH9k/feed.ics") == "https://x.org/s/REDACTED/feed.ics");
    CHECK(net::redact_url("https://x.org/s/9f8e7d6c5b4a/feed.ics") == "https://x.org/s/REDACTED/feed.ics");
    // What people read stays: paths of Nextcloud, Radicale, Google, file names.
    for (const char* plain :
         {"https://cloud.example.com/remote.php/dav/calendars/dana/personal/",
          "https://cal.example.com/calendars/work/basic.ics", "http://127.0.0.1:5232/ana/trips/",
          "https://example.com/team-calendar/holidays_2027.ics"}) {
        CHECK(net::redact_url(plain) == plain);
    }
}

TEST_CASE(
    "the redirect policy refuses https to http and other schemes, and credentials stay with their origin",
    "[calendar][feeds]") {
    CHECK_FALSE(net::judge_redirect("https://a.org/x.ics", "http://a.org/x.ics").follow);
    CHECK(net::judge_redirect("https://a.org/x.ics", "http://a.org/x.ics").why.find("plain http") !=
          std::string::npos);
    CHECK_FALSE(net::judge_redirect("https://a.org/x.ics", "ftp://a.org/x.ics").follow);
    CHECK_FALSE(net::judge_redirect("http://a.org/x.ics", "file:///etc/passwd").follow);
    CHECK(net::judge_redirect("https://a.org/x.ics", "https://b.org/y.ics").follow);
    CHECK(net::judge_redirect("http://a.org/x.ics", "https://a.org/x.ics").follow);
    CHECK(net::judge_redirect("http://a.org/x.ics", "http://b.org/x.ics").follow);

    CHECK(net::same_origin("https://A.org./x", "https://a.org:443/y"));
    CHECK(net::same_origin("http://a.org/x", "http://a.org:80/"));
    CHECK_FALSE(net::same_origin("http://a.org:8080/x", "http://a.org:8081/x"));
    CHECK_FALSE(net::same_origin("https://a.org/x", "http://a.org/x"));
    CHECK_FALSE(net::same_origin("https://a.org/x", "https://b.org/x"));
}

TEST_CASE("an https feed that redirects to plain http is refused, and the http server never hears of it",
          "[calendar][feeds]") {
    TempFolder folder;
    test::TestCertificate certificate(folder.path());
    ScriptedHttpServer plain(json{{"/cal.ics", {{{"body", OneEvent}}}}});
    ScriptedHttpServer secure(
        json{{"/cal.ics", {{{"status", 302}, {"headers", {{"Location", plain.url("/cal.ics")}}}}}}},
        &certificate);
    test::write_text(folder / "netrc", "machine 127.0.0.1 login ana password s3cret\n");
    ::setenv("NETRC", (folder / "netrc").c_str(), 1);
    auto options = quick();
    options.ca_file = certificate.cert.string();
    options.max_attempts = 1;
    net::HttpClient client(options);
    FeedOptions feeds = cache_in((folder / "cache").string());
    const auto message = service_error([&] { fetch_feed(secure.url("/cal.ics"), feeds, client); });
    ::unsetenv("NETRC");
    CHECK(message.find("from https to plain http") != std::string::npos);
    CHECK(secure.requests().size() == 1);
    CHECK(plain.requests().empty());
    CHECK(plain.received_text().find("Authorization") == std::string::npos);
}

TEST_CASE("credentials are not sent on to another port after a redirect, from netrc or the variables",
          "[calendar][feeds]") {
    TempFolder folder;
    ScriptedHttpServer other(json{{"/cal.ics", {{{"body", OneEvent}}}}});
    ScriptedHttpServer first(
        json{{"/cal.ics", {{{"status", 302}, {"headers", {{"Location", other.url("/cal.ics")}}}}}}});
    net::HttpClient client(quick());
    FeedOptions feeds = cache_in((folder / "cache").string());
    SECTION("netrc") {
        test::write_text(folder / "netrc", "machine 127.0.0.1 login ana password s3cret\n");
        ::setenv("NETRC", (folder / "netrc").c_str(), 1);
        const auto fetched = fetch_feed(first.url("/cal.ics"), feeds, client);
        ::unsetenv("NETRC");
        CHECK(fetched.content == OneEvent);
    }
    SECTION("SIDETRIP_HTTP_USER, SIDETRIP_HTTP_PASSWORD and SIDETRIP_HTTP_HOST") {
        ::setenv("SIDETRIP_HTTP_USER", "ana", 1);
        ::setenv("SIDETRIP_HTTP_PASSWORD", "s3cret", 1);
        ::setenv("SIDETRIP_HTTP_HOST", "127.0.0.1", 1);
        const auto fetched = fetch_feed(first.url("/cal.ics"), feeds, client);
        ::unsetenv("SIDETRIP_HTTP_USER");
        ::unsetenv("SIDETRIP_HTTP_PASSWORD");
        ::unsetenv("SIDETRIP_HTTP_HOST");
        CHECK(fetched.content == OneEvent);
    }
    // The address the user gave gets them; the one it redirects to does not.
    REQUIRE(first.requests().size() == 1);
    CHECK(first.requests()[0]["headers"].value("Authorization", "").rfind("Basic ", 0) == 0);
    REQUIRE(other.requests().size() == 1);
    CHECK(other.received_text().find("Authorization") == std::string::npos);
}

TEST_CASE("credentials sent over plain http, and a netrc others can read, are warned about",
          "[calendar][feeds]") {
    TempFolder folder;
    ScriptedHttpServer server(json{{"/private.ics", {{{"auth", "ana:s3cret"}, {"body", OneEvent}}}}});
    test::write_text(folder / "netrc", "machine 127.0.0.1 login ana password s3cret\n");
    std::filesystem::permissions(folder / "netrc", static_cast<std::filesystem::perms>(0644));
    ::setenv("NETRC", (folder / "netrc").c_str(), 1);
    std::vector<std::string> warnings;
    auto options = quick();
    options.on_warning = [&](const std::string& w) { warnings.push_back(w); };
    net::HttpClient client(options);
    FeedOptions feeds = cache_in((folder / "cache").string());
    CHECK(fetch_feed(server.url("/private.ics"), feeds, client).content == OneEvent);
    fetch_feed(server.url("/private.ics"), feeds, client);
    ::unsetenv("NETRC");
    REQUIRE(warnings.size() == 2); // once each, however many requests
    CHECK(warnings[0].find("chmod 600") != std::string::npos);
    CHECK(warnings[1].find("plain http") != std::string::npos);
    CHECK(warnings[1].find("s3cret") == std::string::npos);
}

TEST_CASE("the feed cache is the user's alone: folder 0700, files 0600, a loose folder tightened",
          "[calendar][feeds]") {
    TempFolder folder;
    ScriptedHttpServer server(json{{"/cal.ics", {{{"body", OneEvent}}}}});
    const auto cache = folder / "feeds";
    std::filesystem::create_directory(cache);
    std::filesystem::permissions(cache, static_cast<std::filesystem::perms>(0755));
    std::vector<std::string> warnings;
    FeedOptions feeds = cache_in(cache.string());
    feeds.on_warning = [&](const std::string& w) { warnings.push_back(w); };
    net::HttpClient client(quick());
    const auto old_mask = ::umask(022);
    fetch_feed(server.url("/cal.ics"), feeds, client);
    ::umask(old_mask);
    using std::filesystem::perms;
    CHECK((std::filesystem::status(cache).permissions() & perms::all) == perms::owner_all);
    std::size_t files = 0;
    for (const auto& entry : std::filesystem::directory_iterator(cache)) {
        ++files;
        INFO(entry.path());
        CHECK((entry.status().permissions() & perms::all) == (perms::owner_read | perms::owner_write));
    }
    CHECK(files == 2);
    REQUIRE(warnings.size() == 1);
    CHECK(warnings[0].find("0755") != std::string::npos);
    CHECK(warnings[0].find("0700") != std::string::npos);
}
