// The sidetrip program with its online geocoder pointed at the scripted local server: the
// flags and config keys, the attribution, the shared rate limit, exit codes, and privacy.
#include "../support/local_servers.hpp"

#include <nlohmann/json.hpp>

#include <catch2/catch.hpp>

#include <algorithm>
#include <cstdlib>
#include <string>
#include <sys/wait.h>
#include <vector>

using sidetrip::test::read_text;
using sidetrip::test::ScriptedHttpServer;
using sidetrip::test::TempFolder;
using sidetrip::test::write_text;

namespace {

struct Outcome {
    int exit_code = -1;
    std::string out;
    std::string err;
};

std::string quoted(const std::string& s) {
    std::string q = "'";
    for (char c : s) {
        q += c == '\'' ? std::string("'\\''") : std::string(1, c);
    }
    return q + "'";
}

/// A folder for the cache and one for the config, so that no run touches the user's own.
struct Home {
    TempFolder cache;
    TempFolder config;
    TempFolder scratch;
    Home() { ::setenv("XDG_CACHE_HOME", cache.path().c_str(), 1); }
    std::string environment() const {
        // HOME too: without a config under XDG_CONFIG_HOME, ~/.config/sidetrip would be read.
        return "XDG_CACHE_HOME=" + quoted(cache.path().string()) +
               " XDG_CONFIG_HOME=" + quoted(config.path().string()) +
               " HOME=" + quoted(config.path().string());
    }
    std::string command(const std::vector<std::string>& args) const {
        std::string c = environment() + " " + quoted(SIDETRIP_EXE);
        for (const auto& a : args) {
            c += " " + quoted(a);
        }
        return c;
    }
    Outcome run(const std::vector<std::string>& args) const {
        const std::string base = (scratch.path() / "run").string();
        const int status =
            std::system((command(args) + " </dev/null >" + base + ".out 2>" + base + ".err").c_str());
        Outcome o;
        o.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
        o.out = read_text(base + ".out");
        o.err = read_text(base + ".err");
        return o;
    }
    void write_config(const std::string& toml) const {
        std::filesystem::create_directories(config.path() / "sidetrip");
        write_text(config.path() / "sidetrip" / "config.toml", toml);
    }
};

nlohmann::json answer(const std::string& fixture) {
    return {{"status", 200},
            {"headers", {{"Content-Type", "application/json"}}},
            {"body", read_text(std::string(SIDETRIP_TEST_DATA) + "/geocoder/" + fixture)}};
}

// Texts no gazetteer knows (checked by the first test): only these go online.
const char* const Unknown1 = "Vrexil Lane 1, Quorbitz";
const char* const Unknown2 = "Vrexil Lane 2, Quorbitz";

} // namespace

TEST_CASE(
    "geocode --geocoder resolves what the gazetteer cannot online, with attribution, then from the cache",
    "[cli]") {
    Home home;
    ScriptedHttpServer server(nlohmann::json{{"/search", {answer("nominatim_house_without_name.json")}}});
    const std::vector<std::string> args = {"geocode",   "Lipa, Batangas", Unknown1,   "--geocoder",
                                           "nominatim", server.url(""),   "--format", "json"};
    auto first = home.run(args);
    REQUIRE(first.exit_code == 0);
    auto j = nlohmann::json::parse(first.out);
    REQUIRE(j.size() == 2);
    CHECK(j[0]["source"] == "gazetteer");
    CHECK_FALSE(j[0].contains("attribution"));
    CHECK(j[1]["status"] == "ok");
    CHECK(j[1]["source"] == "online");
    CHECK(j[1]["query"] == Unknown1);
    CHECK(j[1]["country"] == "PH");
    CHECK(j[1]["timezone"] == "Asia/Manila");
    CHECK(j[1]["level"] == "address");
    CHECK(j[1]["attribution"] == "\u00a9 OpenStreetMap contributors");
    CHECK(first.err.find("\u00a9 OpenStreetMap contributors") != std::string::npos);
    REQUIRE(server.requests().size() == 1); // Lipa never left the machine
    CHECK(server.requests()[0]["path"].get<std::string>().find("Vrexil") != std::string::npos);

    auto second = home.run(args);
    REQUIRE(second.exit_code == 0);
    j = nlohmann::json::parse(second.out);
    CHECK(j[1]["source"] == "cache");
    CHECK(j[1]["attribution"] == "\u00a9 OpenStreetMap contributors");
    CHECK(server.requests().size() == 1);

    auto text = home.run({"geocode", Unknown1, "--geocoder", "nominatim", server.url("")});
    REQUIRE(text.exit_code == 0);
    CHECK(text.out.find("\u00a9 OpenStreetMap contributors") != std::string::npos);
    CHECK(text.err.find("OpenStreetMap") == std::string::npos);    // said once, on stdout
    CHECK(text.err.find("geocoding online") == std::string::npos); // no progress line off a terminal

    // Place text may follow the URL: --geocoder takes at most two words.
    auto after =
        home.run({"geocode", "--geocoder", "nominatim", server.url(""), Unknown1, "--format", "json"});
    REQUIRE(after.exit_code == 0);
    CHECK(nlohmann::json::parse(after.out)[0]["source"] == "cache");

    // Without --geocoder (and no config) nothing goes online.
    auto offline = home.run({"geocode", Unknown2, "--format", "json"});
    REQUIRE(offline.exit_code == 0);
    CHECK(nlohmann::json::parse(offline.out)[0]["status"] == "not_found");
    CHECK(server.requests().size() == 1);
}

TEST_CASE("two sidetrip processes share one rate limit: requests at least a second apart", "[cli]") {
    Home home;
    ScriptedHttpServer server(nlohmann::json{{"/search", {answer("nominatim_house_without_name.json")}}});
    auto command = [&](const std::string& tag, int index) {
        std::vector<std::string> args = {"geocode"};
        for (int i = 0; i < 3; ++i) {
            args.push_back("Vrexil Lane " + std::to_string(index * 10 + i) + ", Quorbitz");
        }
        args.insert(args.end(), {"--geocoder", "nominatim", server.url(""), "--format", "json"});
        return home.command(args) + " >" + (home.scratch / tag).string() + " 2>" +
               (home.scratch / tag).string() + ".err";
    };
    const std::string both = command("a", 1) + " & " + command("b", 2) + " & wait";
    REQUIRE(std::system(both.c_str()) == 0);
    for (const char* tag : {"a", "b"}) {
        INFO(read_text(home.scratch / (std::string(tag) + ".err")));
        const auto j = nlohmann::json::parse(read_text(home.scratch / tag));
        REQUIRE(j.size() == 3);
        CHECK(j[2]["source"] == "online");
    }
    auto requests = server.requests();
    REQUIRE(requests.size() == 6);
    std::vector<double> times;
    for (const auto& r : requests) {
        times.push_back(r["time"].get<double>());
    }
    std::sort(times.begin(), times.end());
    for (std::size_t i = 1; i < times.size(); ++i) {
        INFO("request " << i);
        CHECK(times[i] - times[i - 1] >= 0.95);
    }
}

namespace {

/// Two contacts full of private details; the first has an address no gazetteer knows.
std::filesystem::path write_private_contacts(const Home& home) {
    const auto contacts = home.scratch / "contacts.vcf";
    write_text(contacts, "BEGIN:VCARD\r\n"
                         "VERSION:3.0\r\n"
                         "UID:privacy-probe-1\r\n"
                         "FN:Zephyrine Quaxley-Bumblethorpe\r\n"
                         "N:Quaxley-Bumblethorpe;Zephyrine;;;\r\n"
                         "EMAIL;TYPE=home:zephyrine.private@quaxley-mail.example\r\n"
                         "TEL;TYPE=cell:+63 917 555 0199\r\n"
                         "ORG:Bumblethorpe Confidential Holdings\r\n"
                         "NOTE:owes me 500 pesos\\, allergic to shrimp (xyzzy-7731)\r\n"
                         "X-SIDETRIP-INTERESTS:falconry\r\n"
                         "ADR;TYPE=work:;;17 Qwertyuiop Lane;Zxcvbnm Heights;;;\r\n"
                         "END:VCARD\r\n"
                         "BEGIN:VCARD\r\n"
                         "VERSION:3.0\r\n"
                         "UID:privacy-probe-2\r\n"
                         "FN:Orlantha Wimbleton\r\n"
                         "EMAIL:orlantha@wimbleton.example\r\n"
                         "NOTE:met at the xyzzy conference\r\n"
                         "ADR;TYPE=home:;;;Lipa;Batangas;;Philippines\r\n"
                         "END:VCARD\r\n");
    return contacts;
}

/// Words of the contacts and calendar of these tests that must never reach a server.
const std::vector<const char*> PrivateWords = {
    "Zephyrine", "Quaxley",       "Bumblethorpe",  "zephyrine.private", "quaxley-mail",
    "555 0199",  "555%200199",    "5550199",       "Confidential",      "confidential",
    "pesos",     "shrimp",        "xyzzy",         "falconry",          "Orlantha",
    "Wimbleton", "privacy-probe", "board meeting", "board%20meeting",   "Lipa"};

} // namespace

TEST_CASE("contacts with the online geocoder send place text only: no names, emails, phones or notes",
          "[cli]") {
    Home home;
    ScriptedHttpServer server(
        nlohmann::json{{"/search", {answer("nominatim_building_on_ayala_avenue.json")}}});
    const auto contacts = write_private_contacts(home);
    auto r = home.run({"contacts", "--contacts", contacts.string(), "--geocoder", "nominatim", server.url(""),
                       "--geocoder-contact", "planner@example.org", "--format", "json"});
    REQUIRE(r.exit_code == 0);
    const auto j = nlohmann::json::parse(r.out);
    REQUIRE(j.size() == 2);
    CHECK(j[0]["places"][0]["status"] == "ok");
    CHECK(j[0]["places"][0]["source"] == "online");
    CHECK(j[1]["places"][0]["source"] == "gazetteer");
    CHECK(r.err.find("\u00a9 OpenStreetMap contributors") != std::string::npos);

    const std::string received = server.received_text();
    CHECK(server.requests().size() == 1);
    CHECK(received.find("Qwertyuiop") != std::string::npos);            // the place text is what was sent
    CHECK(received.find("planner%40example.org") != std::string::npos); // the user's own contact, as asked
    for (const char* secret : PrivateWords) {
        INFO(secret);
        CHECK(received.find(secret) == std::string::npos);
    }
}

TEST_CASE("plan with the online geocoder sends place text only, and names the attribution in the itinerary",
          "[cli]") {
    Home home;
    ScriptedHttpServer server(
        nlohmann::json{{"/search", {answer("nominatim_building_on_ayala_avenue.json")}}});
    const auto contacts = write_private_contacts(home);
    const auto calendar = home.scratch / "calendar.ics";
    write_text(calendar, "BEGIN:VCALENDAR\r\n"
                         "VERSION:2.0\r\n"
                         "PRODID:-//sidetrip tests//privacy//EN\r\n"
                         "BEGIN:VEVENT\r\n"
                         "UID:privacy-probe-event@example.org\r\n"
                         "DTSTAMP:20260101T000000Z\r\n"
                         "DTSTART:20270113T020000Z\r\n"
                         "DTEND:20270113T040000Z\r\n"
                         "SUMMARY:Zephyrine board meeting\r\n"
                         "DESCRIPTION:confidential agenda xyzzy\r\n"
                         "LOCATION:Vrexil Expo Pavilion\\, Quorbitz\r\n"
                         "ATTENDEE;CN=Orlantha Wimbleton:mailto:orlantha@wimbleton.example\r\n"
                         "END:VEVENT\r\n"
                         "END:VCALENDAR\r\n");
    auto r = home.run({"plan", "--calendar", calendar.string(), "--contacts", contacts.string(), "--home",
                       "Lipa, Batangas", "--from", "2027-01-01", "--to", "2027-02-01", "--iterations", "100",
                       "--geocoder", "nominatim", server.url(""), "--format", "json"});
    REQUIRE(r.exit_code == 0);
    const auto itinerary = nlohmann::json::parse(r.out);
    CHECK(itinerary.value("attribution", "").find("\u00a9 OpenStreetMap contributors") != std::string::npos);
    CHECK(r.err.find("OpenStreetMap") == std::string::npos); // said once, in the itinerary
    auto text = home.run({"plan", "--calendar", calendar.string(), "--contacts", contacts.string(), "--home",
                          "Lipa, Batangas", "--from", "2027-01-01", "--to", "2027-02-01", "--iterations", "100",
                          "--geocoder", "nominatim", server.url(""), "--format", "markdown"});
    REQUIRE(text.exit_code == 0);
    CHECK(text.out.find("Places: \u00a9 OpenStreetMap contributors") != std::string::npos);
    const std::string received = server.received_text();
    CHECK(received.find("Qwertyuiop") != std::string::npos);
    CHECK(received.find("Vrexil%20Expo%20Pavilion") != std::string::npos);
    for (const char* secret : PrivateWords) {
        INFO(secret);
        CHECK(received.find(secret) == std::string::npos);
    }
}

TEST_CASE("the config file's [geocoder] turns the online geocoder on, and flags win over it", "[cli]") {
    Home home;
    ScriptedHttpServer server(nlohmann::json{{"/search", {answer("nominatim_house_without_name.json")}}});
    home.write_config("[geocoder]\nservice = \"nominatim\"\nurl = \"" + server.url("") +
                      "\"\ncontact = \"from-config@example.org\"\nlanguage = \"de\"\nmax_lookups = 0\n"
                      "min_interval_seconds = 0\n");
    auto capped = home.run({"geocode", Unknown1, "--format", "json"});
    REQUIRE(capped.exit_code == 0);
    auto j = nlohmann::json::parse(capped.out);
    CHECK(j[0]["status"] == "not_found");
    CHECK(j[0]["reason"].get<std::string>().find("--max-online-lookups") != std::string::npos);
    CHECK(capped.err.find("limit of 0 online lookups") != std::string::npos);
    CHECK(server.requests().empty());

    auto raised = home.run({"geocode", Unknown1, "--max-online-lookups", "5", "--format", "json"});
    REQUIRE(raised.exit_code == 0);
    CHECK(nlohmann::json::parse(raised.out)[0]["source"] == "online");
    REQUIRE(server.requests().size() == 1);
    const std::string path = server.requests()[0]["path"];
    CHECK(path.find("accept-language=de") != std::string::npos);
    CHECK(path.find("email=from-config%40example.org") != std::string::npos);

    auto flag_contact = home.run({"geocode", Unknown2, "--max-online-lookups", "5", "--geocoder-contact",
                                  "from-flag@example.org", "--format", "json"});
    REQUIRE(flag_contact.exit_code == 0);
    REQUIRE(server.requests().size() == 2);
    CHECK(server.requests()[1]["path"].get<std::string>().find("email=from-flag%40example.org") !=
          std::string::npos);

    auto offline = home.run({"geocode", "Vrexil Lane 3, Quorbitz", "--geocoder", "offline",
                             "--max-online-lookups", "5", "--format", "json"});
    REQUIRE(offline.exit_code == 0);
    CHECK(nlohmann::json::parse(offline.out)[0]["status"] == "not_found");
    CHECK(server.requests().size() == 2);
}

TEST_CASE("online geocoder failures and mistakes have the contract's exit codes", "[cli]") {
    Home home;
    SECTION("a service that answers with something that is not JSON is exit code 3, naming it") {
        ScriptedHttpServer server(
            nlohmann::json{{"/search", {{{"status", 200}, {"body", "<html>down for maintenance</html>"}}}}});
        auto r =
            home.run({"geocode", Unknown1, "--geocoder", "nominatim", server.url(""), "--format", "json"});
        CHECK(r.exit_code == 3);
        CHECK(r.out.empty());
        CHECK(r.err.find("Nominatim") != std::string::npos);
        CHECK(r.err.find("REDACTED") != std::string::npos);
        CHECK(r.err.find("Vrexil") == std::string::npos);
    }
    SECTION("a Photon server that keeps answering 503 is exit code 3 after the retries") {
        ScriptedHttpServer server(
            nlohmann::json{{"/api", {{{"status", 503}, {"headers", {{"Retry-After", "0"}}}}}}});
        auto r = home.run({"geocode", Unknown1, "--geocoder", "photon", server.url("")});
        CHECK(r.exit_code == 3);
        CHECK(r.err.find("Photon") != std::string::npos);
        CHECK(server.requests().size() == 3);
    }
    SECTION("bad flags are exit code 2 and say what to do") {
        // CLI11 hands the word after the service to --geocoder: place text there is no URL.
        for (const std::vector<std::string>& args :
             {std::vector<std::string>{"geocode", "--geocoder", "nominatim", Unknown1},
              std::vector<std::string>{"geocode", "--geocoder", "nominatim", Unknown1, Unknown2}}) {
            auto text_as_url = home.run(args);
            CHECK(text_as_url.exit_code == 2);
            CHECK(text_as_url.err.find("before --geocoder") != std::string::npos);
        }
        auto unknown = home.run({"geocode", Unknown1, "--geocoder", "google"});
        CHECK(unknown.exit_code == 2);
        CHECK(unknown.err.find("nominatim, photon") != std::string::npos);
        auto contact = home.run({"geocode", Unknown1, "--geocoder", "nominatim", "--geocoder-contact", "me"});
        CHECK(contact.exit_code == 2);
        home.write_config("[geocoder]\nservice = \"gogle\"\n");
        auto config = home.run({"geocode", Unknown1});
        CHECK(config.exit_code == 2);
        CHECK(config.err.find("[geocoder] service") != std::string::npos);
    }
}

TEST_CASE("street level asks the online geocoder first, the gazetteer for what it does not find", "[cli]") {
    Home home;
    ScriptedHttpServer server(nlohmann::json{{"/search", {answer("nominatim_house_without_name.json"),
                                                          {{"status", 200}, {"body", "[]"}}}}});
    auto street = home.run({"geocode", "Lipa, Batangas", "Makati City", "--street-level", "--geocoder", "nominatim",
                            server.url(""), "--format", "json"});
    REQUIRE(street.exit_code == 0);
    const auto j = nlohmann::json::parse(street.out);
    REQUIRE(j.size() == 2);
    CHECK(j[0]["source"] == "online");    // a text the gazetteer knows went online first
    CHECK(j[1]["source"] == "gazetteer"); // online found nothing: the gazetteer answered
    CHECK(j[1]["name"] == "Makati City");
    CHECK(server.requests().size() >= 2);

    auto without = home.run({"geocode", "Lipa, Batangas", "--street-level"});
    CHECK(without.exit_code == 2);
    CHECK(without.err.find("needs an online geocoder") != std::string::npos);
}

TEST_CASE("the rate limit holds however the server is spelled: 127.0.0.1, localhost and 127.1 take turns",
          "[cli]") {
    Home home;
    ScriptedHttpServer server(nlohmann::json{{"/search", {answer("nominatim_house_without_name.json")}}});
    const std::string port = std::to_string(server.port());
    int n = 0;
    for (const char* host : {"127.0.0.1", "localhost", "127.1"}) {
        INFO(host);
        const auto r =
            home.run({"geocode", "Vrexil Lane " + std::to_string(++n) + ", Quorbitz", "--geocoder",
                      "nominatim", std::string("http://") + host + ":" + port, "--format", "json"});
        REQUIRE(r.exit_code == 0);
    }
    const auto requests = server.requests();
    REQUIRE(requests.size() == 3);
    for (std::size_t i = 1; i < requests.size(); ++i) {
        INFO("request " << i);
        CHECK(requests[i]["time"].get<double>() - requests[i - 1]["time"].get<double>() >= 0.95);
    }
}

TEST_CASE("geocode sends an address without the e-mail, phone number, link and door code typed into it",
          "[cli]") {
    Home home;
    ScriptedHttpServer server(nlohmann::json{{"/search", {answer("nominatim_house_without_name.json")}}});
    const std::string text = "17 Vrexil Lane, Quorbitz, gate code 4821#, zephyrine@quaxley-mail.example, "
                             "tel. +63 917 555 0199, www.maps.example/p/xyzzy";
    const auto r = home.run({"geocode", text, "--geocoder", "nominatim", server.url(""), "--format", "json"});
    REQUIRE(r.exit_code == 0);
    CHECK(nlohmann::json::parse(r.out)[0]["query"] == text);
    REQUIRE(server.requests().size() == 1);
    const std::string path = server.requests()[0]["path"];
    CHECK(path.find("q=17%20Vrexil%20Lane%2C%20Quorbitz&") != std::string::npos);
    for (const char* secret : {"4821", "zephyrine", "quaxley", "917", "0199", "xyzzy", "maps.example"}) {
        INFO(secret);
        CHECK(path.find(secret) == std::string::npos);
    }
}
