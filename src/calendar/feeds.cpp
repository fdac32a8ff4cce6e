// Calendar feeds over HTTP(S) with a conditional-request cache, and CalDAV collections (RFC
// 4791): reading a time range with calendar-query and publishing without overwriting.
#include "sidetrip/calendar/feeds.hpp"

#include "sidetrip/calendar/calendar_reader.hpp"
#include "sidetrip/core/error.hpp"
#include "sidetrip/core/files.hpp"
#include "sidetrip/core/text.hpp"

#include <libxml/parser.h>
#include <libxml/tree.h>
#include <nlohmann/json.hpp>

#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <memory>
#include <sstream>
#include <unistd.h>

namespace sidetrip::calendar {

namespace {

namespace fs = std::filesystem;
using std::chrono::seconds;
using std::chrono::sys_seconds;

sys_seconds now_seconds() {
    return std::chrono::time_point_cast<seconds>(std::chrono::system_clock::now());
}

/// FNV-1a of the whole URL: the cache file's name (the URL itself may hold a secret).
std::string url_key(std::string_view url) {
    std::uint64_t h = 1469598103934665603ULL;
    for (unsigned char c : url) {
        h = (h ^ c) * 1099511628211ULL;
    }
    char buffer[17];
    std::snprintf(buffer, sizeof buffer, "%016llx", static_cast<unsigned long long>(h));
    return buffer;
}

/// The feed cache, made private (0700) when sidetrip writes to it: the copies are the user's
/// calendars, and their names are hashes of addresses that may be secret.
fs::path cache_folder(const FeedOptions& options) {
    return options.cache_dir.empty() ? fs::path(net::cache_directory(options.on_warning)) / "feeds"
                                     : fs::path(options.cache_dir);
}

std::string read_file(const fs::path& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

/// Temporary file (created 0600), fsync, rename: a reader never sees half a cache entry, and
/// nobody else ever sees any of it.
void write_file(const fs::path& path, const std::string& content) {
    try {
        files::write_atomically(path, content, files::PrivateMode);
    } catch (const Error&) {
        // A cache that cannot be written is not worth failing the run for.
    }
}

struct CacheEntry {
    std::string content;
    nlohmann::json meta; ///< {"url" (redacted), "etag", "last_modified", "fetched" (unix seconds)}
};

std::optional<CacheEntry> load_cache(const std::string& url, const FeedOptions& options) {
    const fs::path base = cache_folder(options) / url_key(url);
    std::error_code ec;
    if (!fs::exists(base.string() + ".json", ec) || !fs::exists(base.string() + ".data", ec)) {
        return std::nullopt;
    }
    CacheEntry entry;
    entry.meta = nlohmann::json::parse(read_file(base.string() + ".json"), nullptr, false);
    if (entry.meta.is_discarded() || !entry.meta.is_object()) {
        return std::nullopt;
    }
    entry.content = read_file(base.string() + ".data");
    return entry;
}

void store_cache(const std::string& url, const FeedOptions& options, const std::string& content,
                 const nlohmann::json& meta) {
    const fs::path folder = cache_folder(options);
    try {
        net::note_tightened(folder, files::make_private_folder(folder), options.on_warning);
    } catch (const Error&) {
        return; // as for a file that cannot be written
    }
    const fs::path base = folder / url_key(url);
    write_file(base.string() + ".data", content); // data first: meta without data is never read
    write_file(base.string() + ".json", meta.dump());
}

seconds age_of(const nlohmann::json& meta) {
    const auto fetched = meta.value("fetched", std::int64_t{0});
    return std::max(seconds{0}, now_seconds().time_since_epoch() - seconds{fetched});
}

FetchedFeed from_cache(const CacheEntry& entry, const std::string& shown, std::string note) {
    FetchedFeed feed;
    feed.content = entry.content;
    feed.shown_url = shown;
    feed.from_cache = true;
    feed.age = age_of(entry.meta);
    feed.note = std::move(note);
    return feed;
}

/// The start of a body, printable, for "it starts with ..." messages.
std::string opening(std::string_view body) {
    std::string out;
    for (char c : body.substr(0, 40)) {
        out += (c >= 0x20 && c < 0x7F) ? c : ' ';
    }
    return std::string(text::trim(out));
}

/// Throws the error a user can act on for a final status that is not a success.
[[noreturn]] void refuse(long status, const std::string& shown, const std::string& what) {
    std::string why;
    switch (status) {
    case 401:
        why = "the server asks for a login (401 Unauthorized): put the user name and password for this "
              "host in ~/.netrc (machine HOST login USER password PASSWORD), or set SIDETRIP_HTTP_USER, "
              "SIDETRIP_HTTP_PASSWORD and SIDETRIP_HTTP_HOST";
        break;
    case 403:
        why = "the server refuses access (403 Forbidden): the credentials are not allowed to read this " +
              what + ", or its secret address was reset (copy it again from the calendar's sharing settings)";
        break;
    case 404:
        why = "no " + what + " at this address (404 Not Found): check the address, or whether it was deleted";
        break;
    case 410: why = "the " + what + " is gone (410 Gone): it was deleted or moved"; break;
    default:
        why = "the server answered " + std::to_string(status) + " where a " + what + " was expected";
        break;
    }
    throw ServiceError(shown + ": " + why);
}

// --- libxml2 -----------------------------------------------------------------------------------

struct DocDeleter {
    void operator()(xmlDoc* d) const { xmlFreeDoc(d); }
};

constexpr const char* DavNs = "DAV:";
constexpr const char* CalDavNs = "urn:ietf:params:xml:ns:caldav";

bool is(const xmlNode* n, const char* ns, const char* name) {
    return n != nullptr && n->type == XML_ELEMENT_NODE && n->ns != nullptr &&
           xmlStrcmp(n->ns->href, reinterpret_cast<const xmlChar*>(ns)) == 0 &&
           xmlStrcmp(n->name, reinterpret_cast<const xmlChar*>(name)) == 0;
}

const xmlNode* child(const xmlNode* n, const char* ns, const char* name) {
    for (const xmlNode* c = n == nullptr ? nullptr : n->children; c != nullptr; c = c->next) {
        if (is(c, ns, name)) {
            return c;
        }
    }
    return nullptr;
}

std::string content_of(const xmlNode* n) {
    if (n == nullptr) {
        return {};
    }
    xmlChar* raw = xmlNodeGetContent(n);
    std::string out = raw == nullptr ? std::string() : reinterpret_cast<const char*>(raw);
    xmlFree(raw);
    return out;
}

/// scheme://host[:port] of a URL.
std::string origin_of(const std::string& url) {
    const auto scheme = url.find("://");
    const auto path = url.find('/', scheme == std::string::npos ? 0 : scheme + 3);
    return url.substr(0, path);
}

std::string resolve(const std::string& base, const std::string& href) {
    if (net::is_url(href)) {
        return href;
    }
    if (!href.empty() && href.front() == '/') {
        return origin_of(base) + href;
    }
    return base.substr(0, base.rfind('/') + 1) + href;
}

std::string utc_stamp(sys_seconds t) {
    const auto day = std::chrono::floor<std::chrono::days>(t);
    const std::chrono::year_month_day ymd{day};
    const std::chrono::hh_mm_ss hms{t - day};
    char buffer[96];
    std::snprintf(buffer, sizeof buffer, "%04d%02u%02uT%02ld%02ld%02ldZ", static_cast<int>(ymd.year()),
                  static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()),
                  static_cast<long>(hms.hours().count()), static_cast<long>(hms.minutes().count()),
                  static_cast<long>(hms.seconds().count()));
    return buffer;
}

/// A UID safe as a resource name: letters, digits, '-', '_', '.', '@'; others become '_'.
std::string resource_name(std::string_view uid) {
    std::string out;
    for (char c : uid) {
        const bool safe = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                          c == '-' || c == '_' || c == '.' || c == '@';
        out += safe ? c : '_';
    }
    return out + ".ics";
}

bool ours(std::string_view uid) {
    return uid.rfind("sidetrip-", 0) == 0 || uid.rfind("travel-sidetrip-", 0) == 0;
}

} // namespace

std::string describe_age(seconds age) {
    const auto s = age.count();
    if (s < 90) {
        return std::to_string(s) + " s";
    }
    if (s < 90 * 60) {
        return std::to_string((s + 30) / 60) + " min";
    }
    if (s < 36 * 3600) {
        return std::to_string((s + 1800) / 3600) + " h";
    }
    return std::to_string((s + 43200) / 86400) + " days";
}

bool looks_like_icalendar(std::string_view content) {
    if (content.substr(0, 3) == "\xEF\xBB\xBF") {
        content.remove_prefix(3);
    }
    while (!content.empty() && (content.front() == '\r' || content.front() == '\n' ||
                                content.front() == ' ' || content.front() == '\t')) {
        content.remove_prefix(1);
    }
    return text::istarts_with(content, "BEGIN:VCALENDAR");
}

std::optional<FetchedFeed> cached_feed(const std::string& url, const FeedOptions& options) {
    const std::string target = net::normalize_feed_url(url);
    if (auto entry = load_cache(target, options)) {
        return from_cache(*entry, net::redact_url(target), "cached copy");
    }
    return std::nullopt;
}

FetchedFeed fetch_feed(const std::string& url, const FeedOptions& options, net::HttpClient& client) {
    const std::string target = net::normalize_feed_url(url);
    const std::string shown = net::redact_url(target);
    auto cached = load_cache(target, options);
    if (options.offline) {
        if (!cached) {
            throw ServiceError(shown +
                               ": no cached copy to use with --offline; run once without --offline to "
                               "fetch it");
        }
        return from_cache(*cached, shown, "--offline");
    }
    net::HttpRequest request;
    request.url = target;
    request.headers.emplace_back("Accept", "text/calendar, */*;q=0.5");
    if (cached) {
        if (const auto etag = cached->meta.value("etag", std::string()); !etag.empty()) {
            request.headers.emplace_back("If-None-Match", etag);
        }
        if (const auto modified = cached->meta.value("last_modified", std::string()); !modified.empty()) {
            request.headers.emplace_back("If-Modified-Since", modified);
        }
    }
    const net::HttpResponse response = client.perform(request);
    if (response.status == 304 && cached) {
        cached->meta["fetched"] = now_seconds().time_since_epoch().count();
        store_cache(target, options, cached->content, cached->meta);
        return from_cache(*cached, shown, "not modified since the cached copy");
    }
    if (response.status < 200 || response.status >= 300) {
        refuse(response.status, shown, "calendar");
    }
    if (!looks_like_icalendar(response.body)) {
        throw ServiceError(shown + ": the answer is not an iCalendar file (it starts with \"" +
                           opening(response.body) +
                           "\"); use the calendar's export or secret iCal address (ending in .ics)");
    }
    nlohmann::json meta = {{"url", shown},
                           {"etag", response.header("etag")},
                           {"last_modified", response.header("last-modified")},
                           {"fetched", now_seconds().time_since_epoch().count()}};
    store_cache(target, options, response.body, meta);
    FetchedFeed feed;
    feed.content = response.body;
    feed.shown_url = shown;
    return feed;
}

bool is_caldav_source(std::string_view source) {
    return text::istarts_with(source, "caldav:");
}

std::string caldav_collection_url(std::string_view source) {
    std::string url(source.substr(text::istarts_with(source, "caldav:") ? 7 : 0));
    if (!url.empty() && url.back() != '/') {
        url += '/';
    }
    return url;
}

std::vector<CalDavResource> parse_multistatus(std::string_view xml, const std::string& base_url) {
    const std::string shown = net::redact_url(base_url);
    if (xml.size() > static_cast<std::size_t>(INT32_MAX)) {
        throw ServiceError(shown + ": the CalDAV answer is too large");
    }
    // No network, no entity expansion, no DTD loading: the answer is data, not instructions.
    std::unique_ptr<xmlDoc, DocDeleter> doc(
        xmlReadMemory(xml.data(), static_cast<int>(xml.size()), "multistatus.xml", nullptr,
                      XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING));
    const xmlNode* root = doc ? xmlDocGetRootElement(doc.get()) : nullptr;
    if (!is(root, DavNs, "multistatus")) {
        throw ServiceError(shown + ": the server's answer is not a WebDAV multistatus (it starts with \"" +
                           opening(xml) + "\"); is this the address of a CalDAV calendar collection?");
    }
    std::vector<CalDavResource> out;
    for (const xmlNode* r = root->children; r != nullptr; r = r->next) {
        if (!is(r, DavNs, "response")) {
            continue;
        }
        CalDavResource resource;
        resource.href = resolve(base_url, std::string(text::trim(content_of(child(r, DavNs, "href")))));
        for (const xmlNode* ps = r->children; ps != nullptr; ps = ps->next) {
            if (!is(ps, DavNs, "propstat")) {
                continue;
            }
            const std::string status = content_of(child(ps, DavNs, "status"));
            if (status.find(" 200") == std::string::npos) {
                continue;
            }
            const xmlNode* prop = child(ps, DavNs, "prop");
            if (const xmlNode* etag = child(prop, DavNs, "getetag")) {
                resource.etag = std::string(text::trim(content_of(etag)));
            }
            if (const xmlNode* data = child(prop, CalDavNs, "calendar-data")) {
                resource.data = content_of(data);
            }
        }
        if (!resource.data.empty()) {
            out.push_back(std::move(resource));
        }
    }
    return out;
}

std::vector<CalDavResource> caldav_query(const std::string& collection_url, sys_seconds start,
                                         sys_seconds end, const FeedOptions& options, net::HttpClient& client,
                                         FetchedFeed* about) {
    const std::string shown = net::redact_url(collection_url);
    const std::string cache_key = "caldav:" + collection_url;
    auto from_json = [&](const std::string& text) {
        std::vector<CalDavResource> out;
        const auto list = nlohmann::json::parse(text, nullptr, false);
        if (list.is_array()) {
            for (const auto& item : list) {
                out.push_back({item.value("href", ""), item.value("etag", ""), item.value("data", "")});
            }
        }
        return out;
    };
    if (options.offline) {
        auto cached = load_cache(cache_key, options);
        if (!cached) {
            throw ServiceError(shown +
                               ": no cached copy to use with --offline; run once without --offline to "
                               "fetch it");
        }
        if (about != nullptr) {
            *about = from_cache(*cached, shown, "--offline");
        }
        return from_json(cached->content);
    }
    net::HttpRequest request;
    request.method = "REPORT";
    request.url = collection_url;
    request.headers = {{"Depth", "1"}, {"Content-Type", "application/xml; charset=utf-8"}};
    request.body = "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n"
                   "<C:calendar-query xmlns:D=\"DAV:\" xmlns:C=\"urn:ietf:params:xml:ns:caldav\">\n"
                   "  <D:prop><D:getetag/><C:calendar-data/></D:prop>\n"
                   "  <C:filter><C:comp-filter name=\"VCALENDAR\"><C:comp-filter name=\"VEVENT\">\n"
                   "    <C:time-range start=\"" +
                   utc_stamp(start) + "\" end=\"" + utc_stamp(end) +
                   "\"/>\n"
                   "  </C:comp-filter></C:comp-filter></C:filter>\n"
                   "</C:calendar-query>\n";
    const net::HttpResponse response = client.perform(request);
    if (response.status != 207) {
        if (response.status >= 200 && response.status < 300) {
            throw ServiceError(shown + ": the server answered " + std::to_string(response.status) +
                               " to a CalDAV query instead of 207 Multi-Status; is this a CalDAV calendar "
                               "collection? (for a plain .ics address, drop the caldav: prefix)");
        }
        refuse(response.status, shown, "CalDAV calendar");
    }
    auto resources = parse_multistatus(response.body, collection_url);
    nlohmann::json list = nlohmann::json::array();
    for (const auto& r : resources) {
        list.push_back({{"href", r.href}, {"etag", r.etag}, {"data", r.data}});
    }
    store_cache(cache_key, options, list.dump(),
                {{"url", shown}, {"fetched", now_seconds().time_since_epoch().count()}});
    if (about != nullptr) {
        about->shown_url = shown;
    }
    return resources;
}

PublishReport caldav_publish(const std::string& collection_url, const std::vector<PublishItem>& items,
                             net::HttpClient& client) {
    const std::string base = caldav_collection_url(collection_url);
    PublishReport report;
    for (const auto& item : items) {
        const std::string url = base + resource_name(item.uid);
        const std::string shown = net::redact_url(url);
        net::HttpRequest put;
        put.method = "PUT";
        put.url = url;
        put.body = item.ics;
        put.headers = {{"Content-Type", "text/calendar; charset=utf-8"}, {"If-None-Match", "*"}};
        auto response = client.perform(put);
        if (response.status == 201 || response.status == 204 || response.status == 200) {
            ++report.created;
            continue;
        }
        if (response.status == 409 ||
            (response.status == 403 && response.body.find("no-uid-conflict") != std::string::npos)) {
            report.left_alone.push_back(item.uid +
                                        ": the calendar already holds an event with this UID under "
                                        "another name");
            continue;
        }
        if (response.status != 412) {
            refuse(response.status, shown, "CalDAV calendar");
        }
        // Something is there already: replace it only if it is one of ours, and only as we saw it.
        net::HttpRequest get;
        get.url = url;
        const auto existing = client.perform(get);
        if (existing.status != 200) {
            refuse(existing.status, shown, "calendar event");
        }
        Diagnostics ignored;
        CalendarReadOptions read;
        bool mine = false;
        try {
            const auto events = read_calendar_text(existing.body, shown, read, ignored);
            mine = !events.empty() &&
                   std::all_of(events.begin(), events.end(), [](const Occurrence& o) { return ours(o.uid); });
        } catch (const Error&) {
            mine = false;
        }
        const std::string etag = existing.header("etag");
        if (!mine || etag.empty()) {
            report.left_alone.push_back(
                item.uid + ": " + shown +
                (mine ? " has no ETag to update it safely" : " holds an event that sidetrip did not write"));
            continue;
        }
        put.headers = {{"Content-Type", "text/calendar; charset=utf-8"}, {"If-Match", etag}};
        response = client.perform(put);
        if (response.status == 412) {
            report.left_alone.push_back(item.uid + ": changed on the server while publishing");
        } else if (response.status >= 200 && response.status < 300) {
            ++report.updated;
        } else {
            refuse(response.status, shown, "CalDAV calendar");
        }
    }
    return report;
}

} // namespace sidetrip::calendar
