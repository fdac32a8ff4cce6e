#include "sidetrip/geo/offline_geocoder.hpp"

#include "detail/place_query.hpp"
#include "sidetrip/core/text.hpp"
#include "sidetrip/geo/geodesic.hpp"

#include <algorithm>
#include <cmath>
#include <optional>

namespace sidetrip::geo {

namespace {

using detail::QuerySegment;

// Two places this close agree with each other as "X, Y" context ("BGC, Taguig").
constexpr double NearbyMetres = 40000.0;

/// A gazetteer entry reduced to what the ranking needs.
struct Located {
    KeyHit hit;
    GeoPoint point;
    std::string_view country;
    std::optional<std::uint32_t> admin1;
    std::optional<std::uint32_t> admin2;
    std::uint32_t population = 0;
    std::string_view feature;
    bool has_point = true; ///< false for a country or region without any gazetteer place
};

/// The hits for one phrase, and which of its segment's words it spans.
struct PhraseHits {
    std::vector<KeyHit> hits;
    std::size_t first = 0; ///< token range of the phrase inside its segment
    std::size_t last = 0;
};

enum class Agreement { Explains, Unknown, Contradicts };

// Words that say what kind of place follows or precedes a name, never a name on their own.
bool is_generic_word(std::string_view word) {
    return word == "city" || word == "town" || word == "municipality" || word == "province" || word == "of" ||
           word == "metro" || word == "downtown" || word == "greater" || word == "terminal" ||
           word == "gate" || word == "lobby" || word == "entrance";
}

std::string without_generic_words(const std::string& phrase) {
    std::string out;
    for (auto word : text::split(phrase, ' ')) {
        if (!is_generic_word(word)) {
            out += (out.empty() ? "" : " ") + std::string(word);
        }
    }
    return out;
}

/// Below this, a place found as a word inside a longer text needs context to count.
constexpr std::uint32_t SmallPlacePopulation = 5000;

struct Candidate {
    Located where;
    std::size_t segment = 0;
    double score = 0.0;
    int explained = 0;
    int unknown = 0;
    int contradicted = 0;
    std::string matched;
    bool partial = false; ///< matched some words of a segment, not the whole segment
    /// An earlier part of the text named something we could not find ("Mercury" in "Mercury,
    /// Nevada"): this part is then read as its region or country rather than as a town.
    bool after_unknown = false;
    /// The same words also name a state, province or country, and this town is outside it.
    bool area_elsewhere = false;
};

class Resolver {
public:
    Resolver(const Gazetteer& gazetteer, const GeocodeRequest& request)
        : m_gaz(gazetteer), m_request(request), m_segments(detail::split_place_text(request.query)),
          m_single_word(m_segments.size() == 1 && m_segments[0].tokens.size() == 1) {}

    GeocodeResult run() {
        GeocodeResult result;
        result.query = m_request.query;
        if (m_segments.empty()) {
            result.status = GeocodeStatus::NotFound;
            result.reason = "no words to look up";
            return result;
        }
        m_whole.resize(m_segments.size());
        m_names_country.assign(m_segments.size(), false);
        for (std::size_t i = 0; i < m_segments.size(); ++i) {
            m_whole[i] = hits_for(m_segments[i], 0, m_segments[i].tokens.size(), i > 0);
            // "Terminal 3", "Hauptbahnhof": a part that is only a venue's name is no place.
            const auto& tokens = m_segments[i].tokens;
            if (std::all_of(tokens.begin(), tokens.end(),
                            [](const auto& t) { return t.venue || t.number; })) {
                m_whole[i].hits.clear();
            }
            for (const auto& hit : m_whole[i].hits) {
                m_names_country[i] = m_names_country[i] || hit.type == EntryType::Country;
            }
        }
        m_context.resize(m_segments.size());
        for (std::size_t i = 0; i < m_segments.size(); ++i) {
            m_context[i] = context_hits(i);
        }
        std::vector<Candidate> candidates;
        // Whole segments first, then words inside segments ("Mountain View CA 94043").
        for (const bool windows : {false, true}) {
            for (std::size_t i = 0; i < m_segments.size() && candidates.empty(); ++i) {
                if (m_segments[i].street_like) {
                    continue;
                }
                collect(i, windows, candidates);
                std::erase_if(candidates, [](const Candidate& c) { return c.contradicted > 0; });
            }
            if (!candidates.empty()) {
                break;
            }
        }
        if (candidates.empty()) {
            result.status = GeocodeStatus::NotFound;
            result.reason = "no place in the offline gazetteer matches '" + m_request.query + "'";
            return result;
        }
        std::stable_sort(candidates.begin(), candidates.end(),
                         [](const Candidate& a, const Candidate& b) { return a.score > b.score; });
        return describe(candidates);
    }

private:
    PhraseHits hits_for(const QuerySegment& segment, std::size_t first, std::size_t last,
                        bool context_codes = false) const {
        PhraseHits out;
        out.first = first;
        out.last = last;
        const std::string phrase = segment.phrase(first, last);
        if (phrase.empty()) {
            return out;
        }
        const bool code = segment.is_code(first, last);
        auto hits = m_gaz.lookup(phrase);
        if (hits.empty() && !code) {
            // "Taguig City" where the gazetteer says "Taguig": retry without the generic word.
            const std::string bare = without_generic_words(phrase);
            if (!bare.empty() && bare != phrase) {
                hits = m_gaz.lookup(bare);
            }
        }
        for (const KeyHit& hit : hits) {
            // "MO" in capitals is Missouri, never a town called Mo; codes only match codes.
            if (code && hit.quality != KeyQuality::Code) {
                continue;
            }
            // A lower-case word is a word, not a code ("sol" in "Casa del Sol" is not Seoul's
            // airport), unless it is the whole text: people do type "mnl".
            // After a comma a lone "Mo" or "ont" is context, and there a code reading is welcome.
            if (!code && hit.quality == KeyQuality::Code && !context_codes &&
                (phrase.size() <= 2 || !m_single_word)) {
                continue;
            }
            out.hits.push_back(hit);
        }
        return out;
    }

    Located locate(const KeyHit& hit) const {
        Located l;
        l.hit = hit;
        switch (hit.type) {
        case EntryType::Place: {
            const Place p = m_gaz.place(hit.target);
            l.point = p.point;
            l.country = p.country;
            l.admin1 = p.admin1;
            l.admin2 = p.admin2;
            l.population = p.population;
            l.feature = p.feature;
            break;
        }
        case EntryType::Airport: {
            const Airport a = m_gaz.airport(hit.target);
            l.point = a.point;
            l.country = a.country;
            l.admin1 = a.admin1;
            // Ranked like a town of this size: a hub's code beats a country's alpha-3 ("HND"
            // is Haneda), a small field's does not ("USA" is the country).
            l.population = a.large ? 1000000 : 1000;
            l.feature = "AIRPORT";
            break;
        }
        case EntryType::Region: {
            const Region r = m_gaz.region(hit.target);
            l.country = r.country;
            l.admin1 = r.level == 1 ? std::optional<std::uint32_t>(r.index) : r.parent;
            l.admin2 = r.level == 2 ? std::optional<std::uint32_t>(r.index) : std::nullopt;
            if (r.seat) {
                const Place seat = m_gaz.place(*r.seat);
                l.point = seat.point;
                l.population = seat.population;
            } else {
                l.has_point = false;
            }
            l.feature = "REGION";
            break;
        }
        case EntryType::Country: {
            const Country c = m_gaz.country(hit.target);
            l.country = c.alpha2;
            if (c.capital) {
                const Place capital = m_gaz.place(*c.capital);
                l.point = capital.point;
                l.population = capital.population;
            } else {
                l.has_point = false; // Bouvet Island: a name, but nowhere to put a pin
            }
            l.feature = "COUNTRY";
            break;
        }
        }
        return l;
    }

    Agreement agreement(const Located& candidate, const PhraseHits& context) const {
        if (context.hits.empty()) {
            return Agreement::Unknown;
        }
        for (const KeyHit& hit : context.hits) {
            const Located other = locate(hit);
            switch (hit.type) {
            case EntryType::Country:
                if (other.country == candidate.country) {
                    return Agreement::Explains;
                }
                break;
            case EntryType::Region:
                if (other.country == candidate.country &&
                    ((other.admin2 && other.admin2 == candidate.admin2) ||
                     (!other.admin2 && other.admin1 && other.admin1 == candidate.admin1))) {
                    return Agreement::Explains;
                }
                break;
            case EntryType::Place:
            case EntryType::Airport:
                if (other.country == candidate.country &&
                    ((candidate.admin2 && other.admin2 == candidate.admin2 &&
                      other.admin1 == candidate.admin1) ||
                     distance_m(other.point, candidate.point) <= NearbyMetres)) {
                    return Agreement::Explains;
                }
                break;
            }
        }
        return Agreement::Contradicts;
    }

    // The context hits of a segment: its whole phrase, or failing that any of its words.
    PhraseHits context_hits(std::size_t segment) const {
        if (!m_whole[segment].hits.empty()) {
            return m_whole[segment];
        }
        PhraseHits merged;
        const auto& tokens = m_segments[segment].tokens;
        for (std::size_t i = 0; i < tokens.size(); ++i) {
            if (tokens[i].number || tokens[i].street) {
                continue;
            }
            auto hits = hits_for(m_segments[segment], i, i + 1);
            merged.hits.insert(merged.hits.end(), hits.hits.begin(), hits.hits.end());
        }
        return merged;
    }

    void collect(std::size_t index, bool windows, std::vector<Candidate>& out) {
        const QuerySegment& segment = m_segments[index];
        std::vector<PhraseHits> phrases;
        if (!windows) {
            if (!m_whole[index].hits.empty()) {
                phrases.push_back(m_whole[index]);
            }
        } else if (m_whole[index].hits.empty()) {
            // The longest run of words that names something; shorter runs only if none does.
            // (A segment whose whole text names something, even a place we cannot pin, is
            // not re-read word by word: "Bouvet Island" is not a town called Bouvet.)
            const std::size_t n = segment.tokens.size();
            for (std::size_t length = n > 0 ? n - 1 : 0; length >= 1 && phrases.empty(); --length) {
                for (std::size_t first = 0; first + length <= n; ++first) {
                    bool usable = true;
                    bool named = false;
                    for (std::size_t k = first; k < first + length; ++k) {
                        usable = usable && !segment.tokens[k].number && !segment.tokens[k].street &&
                                 !segment.tokens[k].venue;
                        named = named || !is_generic_word(segment.tokens[k].folded);
                    }
                    usable = usable && named;
                    if (!usable) {
                        continue;
                    }
                    auto hits = hits_for(segment, first, first + length);
                    // A word of three letters or fewer inside a longer text is too weak to be
                    // a name ("sol" in "Casa del Sol" is neither Seoul nor Sól); only a code
                    // written in capitals counts ("Mountain View CA").
                    if (segment.phrase(first, first + length).size() <= 3) {
                        std::erase_if(hits.hits,
                                      [](const KeyHit& h) { return h.quality != KeyQuality::Code; });
                    }
                    if (!hits.hits.empty()) {
                        phrases.push_back(std::move(hits));
                    }
                }
            }
        }
        bool after_unknown = false;
        for (std::size_t j = 0; j < index; ++j) {
            const auto& tokens = m_segments[j].tokens;
            after_unknown = after_unknown || (!m_segments[j].street_like && !m_segments[j].has_venue &&
                                              std::any_of(tokens.begin(), tokens.end(),
                                                          [](const auto& t) { return !t.number; }));
        }
        for (const auto& phrase : phrases) {
            // The same words name a state, province or country, and this candidate is a town
            // outside it: "Nevada" is the state, not the town of Nevada, Missouri. (A county is
            // no such area: "San Francisco" is a city and its county. The area's own seat or
            // capital named like it, or a city of millions in it, stands for it: Johor Bahru for
            // "Johor", Singapore, New York City. Florida
            // City does not stand for Florida.)
            auto area_elsewhere = [&](const Located& place) {
                const bool seat =
                    place.feature == "PPLC" || place.feature == "PPLA" || place.population >= 1000000;
                bool named = false;
                for (const KeyHit& h : phrase.hits) {
                    if (h.type == EntryType::Country) {
                        named = true;
                        if (seat && locate(h).country == place.country) {
                            return false;
                        }
                    } else if (h.type == EntryType::Region) {
                        const Located area = locate(h);
                        if (!area.admin2) {
                            named = true;
                            if (seat && area.country == place.country && area.admin1 == place.admin1) {
                                return false;
                            }
                        }
                    }
                }
                return named;
            };
            // Words after the match inside the same segment are context too ("... CA").
            std::optional<PhraseHits> trailing;
            if (phrase.last < segment.tokens.size()) {
                const bool venue_after =
                    std::any_of(segment.tokens.begin() + static_cast<std::ptrdiff_t>(phrase.last),
                                segment.tokens.end(), [](const auto& t) { return t.venue; });
                trailing = venue_after ? PhraseHits{} : hits_for(segment, phrase.last, segment.tokens.size());
                if (trailing->hits.empty()) {
                    trailing.reset();
                    PhraseHits merged;
                    for (std::size_t k = phrase.last; k < segment.tokens.size(); ++k) {
                        if (segment.tokens[k].venue) {
                            continue; // "Hauptbahnhof" after "Frankfurt" is no rival town
                        }
                        auto hits = hits_for(segment, k, k + 1);
                        merged.hits.insert(merged.hits.end(), hits.hits.begin(), hits.hits.end());
                    }
                    if (!merged.hits.empty()) {
                        trailing = std::move(merged);
                    }
                }
            }
            for (const KeyHit& hit : phrase.hits) {
                Candidate c;
                c.where = locate(hit);
                if (!c.where.has_point) {
                    continue;
                }
                c.segment = index;
                c.matched = segment.phrase(phrase.first, phrase.last);
                c.partial = windows;
                c.after_unknown = after_unknown && !windows;
                c.area_elsewhere = c.where.hit.type == EntryType::Place && area_elsewhere(c.where);
                auto judge = [&](const PhraseHits& context) {
                    switch (agreement(c.where, context)) {
                    case Agreement::Explains: ++c.explained; break;
                    case Agreement::Unknown: ++c.unknown; break;
                    case Agreement::Contradicts: ++c.contradicted; break;
                    }
                };
                if (trailing) {
                    judge(*trailing);
                }
                for (std::size_t j = index + 1; j < m_segments.size(); ++j) {
                    if (!m_segments[j].street_like) {
                        judge(m_context[j]);
                    }
                }
                // A word inside a longer text that names a village, with nothing else in the
                // text agreeing, is too weak ("Pavilion" in "Vrexil Expo Pavilion" is not
                // Pavilion, New York): the small places of the gazetteer need their whole
                // segment or some context.
                if (windows && c.explained == 0 && c.where.hit.type == EntryType::Place &&
                    c.where.population < SmallPlacePopulation) {
                    continue;
                }
                c.score = score(c);
                out.push_back(std::move(c));
            }
        }
    }

    double score(const Candidate& c) const {
        double s = 0.0;
        switch (c.where.hit.quality) {
        case KeyQuality::Exact: s += 3.0; break;
        case KeyQuality::Alternate: s += 2.0; break;
        case KeyQuality::Stripped: s += 2.0; break;
        case KeyQuality::Code: s += 2.5; break;
        }
        switch (c.where.hit.type) {
        case EntryType::Place: s += 2.0; break;
        case EntryType::Airport: s += c.where.hit.quality == KeyQuality::Code ? 3.0 : 2.0; break;
        case EntryType::Region: s += 0.0; break;
        // A text that is exactly a country's name means the country, not a village so called.
        // (A city-state's capital still wins: it scores as a place of the same population.)
        case EntryType::Country: s += c.where.hit.quality == KeyQuality::Code ? 1.0 : 2.5; break;
        }
        s += 0.8 * std::log10(static_cast<double>(c.where.population) + 1.0);
        const std::string_view f = c.where.feature;
        if (f == "PPLC") {
            s += 1.0;
        } else if (f == "PPLA" || f == "PPLA2") {
            s += 0.5;
        } else if (f == "PPLX") {
            s -= 1.5; // a neighbourhood: the city it belongs to is the better answer
        }
        // The bias is for texts that leave the country open; a country named elsewhere in
        // the text has decided it ("Manila, Philippines" with a US bias).
        bool country_named = false;
        for (std::size_t j = 0; j < m_segments.size(); ++j) {
            country_named = country_named || (j != c.segment && m_names_country[j]);
        }
        if (!country_named && !m_request.country_bias.empty() && c.where.country == m_request.country_bias) {
            s += 3.0;
        }
        // "Mercury, Nevada, United States" with Mercury unknown: "Nevada" is the state, not the
        // town of 8,000 in Missouri; "Mayport, Florida" is Florida, not Florida, New York nor
        // Florida City.
        if (c.after_unknown && c.area_elsewhere) {
            s -= 10.0;
        }
        s += 10.0 * c.explained - 0.5 * c.unknown;
        return s;
    }

    GeocodeResult describe(const std::vector<Candidate>& ranked) const {
        const Candidate& best = ranked.front();
        GeocodeResult r;
        r.query = m_request.query;
        r.status = GeocodeStatus::Ok;
        r.source = "gazetteer";
        r.point = best.where.point;
        r.country = std::string(best.where.country);
        if (best.where.admin1) {
            r.admin1 = std::string(m_gaz.region(*best.where.admin1).name);
        }
        switch (best.where.hit.type) {
        case EntryType::Place: {
            const Place p = m_gaz.place(best.where.hit.target);
            r.name = std::string(p.name);
            r.timezone = std::string(p.timezone);
            r.level = "city";
            break;
        }
        case EntryType::Airport: {
            const Airport a = m_gaz.airport(best.where.hit.target);
            r.name = std::string(a.name) + " (" + std::string(a.iata) + ")";
            r.timezone = std::string(a.timezone);
            r.level = "airport";
            break;
        }
        case EntryType::Region: {
            const Region g = m_gaz.region(best.where.hit.target);
            r.name = std::string(g.name);
            r.level = "region";
            break;
        }
        case EntryType::Country: {
            r.name = std::string(m_gaz.country(best.where.hit.target).name);
            r.level = "country";
            break;
        }
        }
        if (r.timezone.empty()) {
            r.timezone = timezone_at(m_gaz, r.point);
        }
        // Confidence: context that agreed, how the name matched, and whether a rival that is
        // somewhere else scored almost as well.
        double confidence = 0.6 + 0.1 * std::min(best.explained, 3);
        switch (best.where.hit.quality) {
        case KeyQuality::Exact:
        case KeyQuality::Code: confidence += 0.1; break;
        case KeyQuality::Alternate: confidence += 0.08; break;
        case KeyQuality::Stripped: confidence += 0.05; break;
        }
        bool rival = false;
        for (std::size_t i = 1; i < ranked.size() && !rival; ++i) {
            if (distance_m(ranked[i].where.point, best.where.point) > 25000.0) {
                rival = true;
                const double gap = best.score - ranked[i].score;
                confidence -= gap < 1.0 ? 0.3 : gap < 3.0 ? 0.15 : gap < 6.0 ? 0.05 : 0.0;
            }
        }
        if (!rival) {
            confidence += 0.1;
        }
        if (best.partial && best.explained == 0) {
            confidence = std::min(confidence, 0.5); // a name found inside other words, unconfirmed
        }
        if (r.level == "region" || r.level == "country") {
            confidence = std::min(confidence, 0.6);
        }
        r.confidence = std::clamp(std::round(confidence * 100.0) / 100.0, 0.05, 0.99);
        r.reason = "matched '" + best.matched + "'";
        if (best.after_unknown && (r.level == "region" || r.level == "country")) {
            r.status = GeocodeStatus::Partial;
            r.reason = "'" + m_segments[best.segment - 1].original +
                       "' is not in the offline gazetteer; this is the " + r.level + " the text names";
        }
        return r;
    }

    const Gazetteer& m_gaz;
    const GeocodeRequest& m_request;
    std::vector<QuerySegment> m_segments;
    bool m_single_word = false;
    std::vector<PhraseHits> m_whole;   ///< hits of each segment's whole phrase
    std::vector<PhraseHits> m_context; ///< what each segment says as context
    std::vector<bool> m_names_country;
};

} // namespace

GeocodeResult OfflineGeocoder::geocode(const GeocodeRequest& request) {
    std::string why;
    if (is_not_a_place(request.query, &why)) {
        GeocodeResult result;
        result.query = request.query;
        result.status = GeocodeStatus::NotAPlace;
        result.reason = why;
        return result;
    }
    return Resolver(*m_gazetteer, request).run();
}

} // namespace sidetrip::geo
