#pragma once

#include "sidetrip/net/http.hpp"

#include <chrono>
#include <cstddef>
#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace sidetrip::calendar {

/// How remote calendars are fetched.
struct FeedOptions {
    /// Use only cached copies; nothing touches the network.
    bool offline = false;
    /// Where copies are kept; empty: net::cache_directory() + "/feeds". A folder of the cache's
    /// own: it is made 0700 (tightened if others could read it) and its files are 0600.
    std::string cache_dir;
    /// Told when a cache folder that others could read was tightened to 0700. May be empty.
    std::function<void(const std::string&)> on_warning;
};

/// A calendar fetched from a URL (or its cached copy).
struct FetchedFeed {
    std::string content;         ///< iCalendar text
    std::string shown_url;       ///< the URL with its secrets redacted, for messages
    bool from_cache = false;     ///< the content is the cached copy (offline, not modified, or a fallback)
    std::chrono::seconds age{0}; ///< how old the cached copy is (since it was last fetched or confirmed)
    std::string note;            ///< e.g. "not modified since the cached copy (ETag)"
};

/// "3 min", "5 h", "2 days": an age as a person says it.
std::string describe_age(std::chrono::seconds age);

/// True when the text starts (after a byte-order mark and blank lines) with BEGIN:VCALENDAR.
bool looks_like_icalendar(std::string_view content);

/**
 * Fetches an http(s)/webcal feed with a conditional request against the cached copy (ETag,
 * Last-Modified) and updates the cache. With options.offline, returns the cached copy only.
 * @throws ServiceError (exit 3) naming the redacted URL: the network failed, the server refused
 *         (401/403 with what to do), the feed is gone (404), the body is not iCalendar, or
 *         (offline) there is no cached copy.
 */
FetchedFeed fetch_feed(const std::string& url, const FeedOptions& options, net::HttpClient& client);

/// The cached copy of a feed, if there is one (for a fallback when fetching failed).
std::optional<FetchedFeed> cached_feed(const std::string& url, const FeedOptions& options);

/// One calendar object resource of a CalDAV collection.
struct CalDavResource {
    std::string href; ///< absolute URL of the resource
    std::string etag;
    std::string data; ///< its iCalendar text
};

/// True for "caldav:<http(s) URL>", the way a CalDAV collection is named as a calendar source.
bool is_caldav_source(std::string_view source);

/// The collection URL of a "caldav:" source (with a trailing slash).
std::string caldav_collection_url(std::string_view source);

/**
 * The events of a CalDAV collection that overlap [start, end) (REPORT calendar-query with a
 * time-range filter, Depth 1). Recurring series come whole, as the server stores them.
 * With options.offline, the result of the last query is read from the cache.
 * @throws ServiceError naming the redacted URL (network, 401/403/404, not a calendar collection,
 *         an answer that is not a WebDAV multistatus).
 */
std::vector<CalDavResource> caldav_query(const std::string& collection_url, std::chrono::sys_seconds start,
                                         std::chrono::sys_seconds end, const FeedOptions& options,
                                         net::HttpClient& client, FetchedFeed* about = nullptr);

/// Parses a WebDAV multistatus answer of a calendar-query (exposed for tests and fuzzing).
/// @throws ServiceError when the text is not such an answer; `base_url` resolves relative hrefs.
std::vector<CalDavResource> parse_multistatus(std::string_view xml, const std::string& base_url);

/// One event to publish: its UID and a whole VCALENDAR holding only it.
struct PublishItem {
    std::string uid;
    std::string ics;
};

/// What publishing did, event by event.
struct PublishReport {
    std::size_t created = 0;
    std::size_t updated = 0;
    std::vector<std::string> left_alone; ///< "UID: why", for resources that are not ours
};

/**
 * Publishes events to a CalDAV collection without overwriting anything of the user's: each goes
 * to <collection>/<uid>.ics with If-None-Match: *; when that resource exists and holds one of our
 * own events (UID starting "sidetrip-" or "travel-sidetrip-"), it is replaced with If-Match on
 * its ETag; anything else is left alone and reported.
 * @throws ServiceError when the server fails or refuses (401/403/404...).
 */
PublishReport caldav_publish(const std::string& collection_url, const std::vector<PublishItem>& items,
                             net::HttpClient& client);

} // namespace sidetrip::calendar
