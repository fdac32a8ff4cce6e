#include "detail/geocode_cache.hpp"

#include "sidetrip/core/error.hpp"

#include <sqlite3.h>

#include <chrono>
#include <fcntl.h>
#include <thread>
#include <unistd.h>

namespace sidetrip::geo::detail {

namespace {

// Long enough for another process's write (one row) to finish; short enough that a stuck
// process does not hang this one: past it the answer is simply not cached.
constexpr int BusyTimeoutMs = 5000;

constexpr const char* Schema = R"sql(
CREATE TABLE IF NOT EXISTS answers (
    service      TEXT NOT NULL,
    base_url     TEXT NOT NULL,
    query        TEXT NOT NULL,
    country_bias TEXT NOT NULL,
    language     TEXT NOT NULL,
    found        INTEGER NOT NULL,
    name         TEXT NOT NULL DEFAULT '',
    admin1       TEXT NOT NULL DEFAULT '',
    country      TEXT NOT NULL DEFAULT '',
    lat          REAL,
    lon          REAL,
    level        TEXT NOT NULL DEFAULT '',
    confidence   REAL NOT NULL DEFAULT 0,
    reason       TEXT NOT NULL DEFAULT '',
    fetched      INTEGER NOT NULL,
    PRIMARY KEY (service, base_url, query, country_bias, language)
);
)sql";

/// A prepared statement finalized when the scope ends.
class Statement {
public:
    Statement(sqlite3* db, const char* sql) {
        if (sqlite3_prepare_v2(db, sql, -1, &m_statement, nullptr) != SQLITE_OK) {
            m_statement = nullptr;
        }
    }
    ~Statement() { sqlite3_finalize(m_statement); }
    Statement(const Statement&) = delete;
    Statement& operator=(const Statement&) = delete;
    explicit operator bool() const { return m_statement != nullptr; }
    sqlite3_stmt* get() const { return m_statement; }
    void text(int index, const std::string& value) {
        sqlite3_bind_text(m_statement, index, value.data(), static_cast<int>(value.size()), SQLITE_TRANSIENT);
    }
    std::string column_text(int index) const {
        const auto* p = sqlite3_column_text(m_statement, index);
        return p == nullptr ? std::string()
                            : std::string(reinterpret_cast<const char*>(p),
                                          static_cast<std::size_t>(sqlite3_column_bytes(m_statement, index)));
    }

private:
    sqlite3_stmt* m_statement = nullptr;
};

void bind_key(Statement& s, const GeocodeCacheKey& key) {
    s.text(1, key.service);
    s.text(2, key.base_url);
    s.text(3, key.query);
    s.text(4, key.country_bias);
    s.text(5, key.language);
}

} // namespace

GeocodeCache::GeocodeCache(const std::filesystem::path& file) : m_path(file) {
    // The cache holds the place texts of the user's contacts: readable by the user only.
    if (const int fd = ::open(m_path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0600); fd >= 0) {
        ::close(fd);
    }
    if (open_and_prepare()) {
        return;
    }
    const int code = m_db != nullptr ? sqlite3_errcode(m_db) : SQLITE_CANTOPEN;
    const std::string message = m_db != nullptr ? sqlite3_errmsg(m_db) : "cannot open";
    sqlite3_close(m_db);
    m_db = nullptr;
    if (code == SQLITE_NOTADB || code == SQLITE_CORRUPT) {
        // Not a database any more: keep it for a look, start afresh (it is only a cache).
        std::error_code ec;
        std::filesystem::rename(m_path, m_path.string() + ".damaged", ec);
        for (const char* suffix : {"-wal", "-shm"}) {
            std::filesystem::remove(m_path.string() + suffix, ec);
        }
        if (const int fd = ::open(m_path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0600); fd >= 0) {
            ::close(fd);
        }
        if (open_and_prepare()) {
            return;
        }
        sqlite3_close(m_db);
        m_db = nullptr;
    }
    throw Error(
        m_path.string() + ": cannot open the geocoder's cache: " + message +
        "; check that the cache folder is writable (set XDG_CACHE_HOME to move it), or delete the file");
}

bool GeocodeCache::open_and_prepare() {
    if (sqlite3_open_v2(m_path.c_str(), &m_db,
                        SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_FULLMUTEX,
                        nullptr) != SQLITE_OK) {
        return false;
    }
    sqlite3_busy_timeout(m_db, BusyTimeoutMs);
    // WAL: readers never wait for a writer, and a process killed mid-write leaves the
    // database as it was before that write.
    for (const char* sql : {"PRAGMA journal_mode=WAL;", "PRAGMA synchronous=NORMAL;", Schema}) {
        // Two processes opening a new file at once: switching to WAL and creating the table take
        // locks for which SQLite does not always call the busy handler. Every statement here is
        // idempotent, so wait a little and try again.
        int rc = SQLITE_BUSY;
        for (int attempt = 0; attempt < 100; ++attempt) {
            rc = sqlite3_exec(m_db, sql, nullptr, nullptr, nullptr);
            if (rc != SQLITE_BUSY && rc != SQLITE_LOCKED) {
                break;
            }
            std::this_thread::sleep_for(std::chrono::milliseconds(50 + 10 * (attempt % 5)));
        }
        if (rc != SQLITE_OK) {
            return false;
        }
    }
    return true;
}

GeocodeCache::~GeocodeCache() {
    sqlite3_close(m_db);
}

std::optional<GeocodeResult> GeocodeCache::find(const GeocodeCacheKey& key, std::chrono::sys_seconds now,
                                                std::chrono::seconds max_age_found,
                                                std::chrono::seconds max_age_not_found) {
    Statement s(m_db,
                "SELECT found, name, admin1, country, lat, lon, level, confidence, reason, fetched "
                "FROM answers WHERE service = ?1 AND base_url = ?2 AND query = ?3 AND country_bias = ?4 "
                "AND language = ?5");
    if (!s) {
        return std::nullopt;
    }
    bind_key(s, key);
    if (sqlite3_step(s.get()) != SQLITE_ROW) {
        return std::nullopt;
    }
    const bool found = sqlite3_column_int(s.get(), 0) != 0;
    const auto fetched = std::chrono::sys_seconds{std::chrono::seconds{sqlite3_column_int64(s.get(), 9)}};
    if (now - fetched > (found ? max_age_found : max_age_not_found)) {
        return std::nullopt;
    }
    GeocodeResult r;
    r.status = found ? GeocodeStatus::Ok : GeocodeStatus::NotFound;
    r.name = s.column_text(1);
    r.admin1 = s.column_text(2);
    r.country = s.column_text(3);
    r.point = {sqlite3_column_double(s.get(), 4), sqlite3_column_double(s.get(), 5)};
    r.level = s.column_text(6);
    r.confidence = sqlite3_column_double(s.get(), 7);
    r.reason = s.column_text(8);
    r.source = "cache";
    if (found && !is_valid(r.point)) {
        return std::nullopt; // a row someone edited by hand: ask again
    }
    return r;
}

bool GeocodeCache::store(const GeocodeCacheKey& key, const GeocodeResult& result,
                         std::chrono::sys_seconds now) {
    Statement s(m_db,
                "INSERT OR REPLACE INTO answers (service, base_url, query, country_bias, language, found, "
                "name, admin1, country, lat, lon, level, confidence, reason, fetched) "
                "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15)");
    if (!s) {
        return false;
    }
    bind_key(s, key);
    const bool found = result.status == GeocodeStatus::Ok;
    sqlite3_bind_int(s.get(), 6, found ? 1 : 0);
    s.text(7, result.name);
    s.text(8, result.admin1);
    s.text(9, result.country);
    if (found) {
        sqlite3_bind_double(s.get(), 10, result.point.lat);
        sqlite3_bind_double(s.get(), 11, result.point.lon);
    } else {
        sqlite3_bind_null(s.get(), 10);
        sqlite3_bind_null(s.get(), 11);
    }
    s.text(12, result.level);
    sqlite3_bind_double(s.get(), 13, result.confidence);
    s.text(14, result.reason);
    sqlite3_bind_int64(s.get(), 15, static_cast<sqlite3_int64>(now.time_since_epoch().count()));
    return sqlite3_step(s.get()) == SQLITE_DONE;
}

} // namespace sidetrip::geo::detail
