// bench_generate: large synthetic but realistic data for the scale benchmarks (issue 8, "Scale").
//
// The user is a consultant living in Lipa, Batangas (as in samples/scenario-1-lipa). Into DIR:
//
//   contacts.csv         sidetrip's native CSV: 100,000 contacts living in 2,000 real cities of
//                        the gazetteer (the 300 largest in the Philippines, the 1,700 largest
//                        elsewhere), each city written "Name, Region" with its country code and
//                        checked to resolve back to that city; tags, interests, tie strength,
//                        cadence, last met, "knows", a second (work) place for some
//   contacts.vcf         the same contacts as vCard 4.0 with X-SIDETRIP-* properties
//   calendar.ics         20,000 VEVENTs over 2027-2028, of which 1,000 are recurring series (weekly,
//                        fortnightly, monthly, weekday sprints, yearly; EXDATEs and moved or
//                        cancelled instances), home-area and online meetings, and 40 trips away:
//                        flights (TripIt style, in UTC), hotel nights, client meetings in the
//                        destination's zone, a few conferences and multi-city trips, drives to
//                        Metro Manila
//   attendees.csv        50,000 attendees of a conference (Eventbrite's columns), 3,000 of them
//                        contacts written differently: email case and Gmail forms, nicknames,
//                        accents dropped, middle initials, typos, another email, legal forms
//   attendees-truth.csv  row,contact_id,variant for those 3,000
//   trips.tsv            the 40 trips as generated: first day, last day, cities
//
// Every place text the calendar uses is geocoded here with the offline gazetteer and checked to
// land where it should (trip places near their city, home places within 60 km of home), so the
// planner sees exactly 40 trips. Deterministic: the same seed and sizes give the same files
// (its own random generator, no std:: distributions, whose output differs between libraries).
//
// usage: bench_generate --out DIR [--seed N] [--contacts N] [--cities N] [--events N]
//                       [--series N] [--trips N] [--attendees N]
#include "sidetrip/calendar/time_zones.hpp"
#include "sidetrip/core/date.hpp"
#include "sidetrip/core/text.hpp"
#include "sidetrip/geo/gazetteer.hpp"
#include "sidetrip/geo/geodesic.hpp"
#include "sidetrip/geo/offline_geocoder.hpp"

#include <algorithm>
#include <array>
#include <chrono>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <map>
#include <numeric>
#include <optional>
#include <set>
#include <string>
#include <unordered_set>
#include <vector>

using namespace sidetrip;
using namespace std::chrono;

namespace {

// ---------------------------------------------------------------------------------------------
// Randomness: splitmix64, so that the files are the same with every standard library.

class Random {
public:
    explicit Random(std::uint64_t seed) : m_state(seed) {}
    std::uint64_t next() {
        std::uint64_t z = (m_state += 0x9E3779B97F4A7C15ULL);
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
        return z ^ (z >> 31);
    }
    std::size_t below(std::size_t n) { return n == 0 ? 0 : static_cast<std::size_t>(next() % n); }
    int between(int lo, int hi) {
        return lo + static_cast<int>(below(static_cast<std::size_t>(hi - lo + 1)));
    }
    double unit() { return static_cast<double>(next() >> 11) * 0x1.0p-53; }
    bool chance(double p) { return unit() < p; }
    template <class T> const T& pick(const std::vector<T>& v) { return v[below(v.size())]; }

private:
    std::uint64_t m_state;
};

/// Picks indices with probability proportional to their weights.
class Weighted {
public:
    explicit Weighted(const std::vector<double>& weights) {
        double sum = 0.0;
        for (double w : weights) {
            sum += w;
            m_cumulative.push_back(sum);
        }
    }
    std::size_t pick(Random& rng) const {
        const double x = rng.unit() * m_cumulative.back();
        return static_cast<std::size_t>(std::upper_bound(m_cumulative.begin(), m_cumulative.end(), x) -
                                        m_cumulative.begin()) %
               m_cumulative.size();
    }

private:
    std::vector<double> m_cumulative;
};

std::vector<std::string> words(const char* list) {
    // '_' stands for a space inside one entry ("de_la_Cruz").
    std::vector<std::string> out;
    for (auto w : text::split(list, ' ')) {
        if (!w.empty()) {
            std::string s(w);
            std::replace(s.begin(), s.end(), '_', ' ');
            out.push_back(s);
        }
    }
    return out;
}

// ---------------------------------------------------------------------------------------------
// Names, companies, topics: many cultures, so that 100,000 people do not all share ten names.

const std::vector<std::string> FirstNames = words(
    // Filipino and Spanish
    "Maria José Juan Ana Carmen Luis Miguel Rosario Ramon Emmanuel Corazon Danilo Teresa Reynaldo "
    "Rogelio Ferdinand Angelica Kristine Paolo Jayson Mark_Anthony John_Paul Liezl Marites Rhea Joy "
    "Bianca Carmela Nathaniel Mateo Andrea Lorna Editha Rodel Arnel Jericho Czarina Hazel Aileen "
    "Francisco Ignacio Dolores Consuelo Lucía Andrés Javier Alejandro Pilar Inés Beatriz Raúl Sofía "
    "Valentina Camila Diego Santiago Mariana Gabriela Ximena Rodrigo Patricio Renata Lourdes Armando "
    // English
    "Robert William Katherine Elizabeth James Michael Anthony Richard Margaret Christopher Jennifer "
    "David Daniel Laura Hannah Olivia Grace Samuel Nicholas Stephen Emily Jessica Sarah Thomas "
    "Matthew Rebecca Rachel Benjamin Charlotte Amelia Oliver Harry Jack George Lucy Fiona Megan "
    "Tyler Jordan Riley Morgan Devon Chloe Zoe Ethan Nathan Alexander Victoria Abigail Edward "
    "Joseph Susan Deborah Timothy Frederick Theodore Patricia Kathleen Douglas Gregory Brian Kevin "
    // German, Dutch, Nordic, French, Italian, Polish
    "Jürgen Katharina Lukas Johannes Anke Stefan Sabine Matthias Jonas Lena Felix Annika Pieter "
    "Sanne Bram Lotte Ingrid Lars Astrid Mikael Sven Freya Camille Étienne Léa Hugo Chloé Antoine "
    "Margaux Giulia Matteo Francesca Lorenzo Chiara Alessandro Agnieszka Tomasz Katarzyna Piotr "
    "Małgorzata Krzysztof "
    // East, South-East and South Asia
    "Wei Ling Mei Hao Jun Xin Yuki Haruto Sakura Kenji Aiko Takeshi Minji Jisoo Seojun Hyun Thanh "
    "Linh Minh Huong Tuan Siti Budi Dewi Agus Putri Nattapong Siriporn Somchai Priya Arjun Ananya "
    "Rahul Deepika Vikram Kavya Rohan Aditi Sanjay Meera Rajesh Lakshmi "
    // Middle East, Africa, Brazil
    "Mohammed Fatima Omar Layla Youssef Amira Khalid Nour Chidi Ngozi Emeka Amara Kwame Abena Thabo "
    "Naledi João Thiago Larissa Gustavo Beatriz Letícia Rafael Fernanda");

const std::vector<std::string> LastNames =
    words("Santos Reyes Cruz Bautista Ocampo Garcia Mendoza Torres Tomas Andrada Castillo Flores "
          "Villanueva Ramos Castro Rivera Aquino Navarro Salazar Mercado Peña Dizon Pascual Soriano "
          "Manalo Macaraeg Dimaculangan Panganiban Buenaventura Villafuerte Lacson Magsaysay Salonga "
          "de_la_Cruz de_Leon delos_Santos Tolentino Magbanua Macaraig Lontoc Katigbak Malabanan "
          "Umali Marasigan Dimayuga Recto Laurel Mabini Evangelista Gonzaga Yulo Concepcion Francisco "
          "López González Hernández Pérez Sánchez Ramírez Domínguez Fernández Jiménez Gómez Díaz "
          "Morales Ortiz Delgado Castañeda Vargas Romero Herrera Medina Aguilar Guerrero Rojas Vega "
          "Smith Johnson Williams Brown Jones Miller Davis Wilson Anderson Taylor Thomas Moore Martin "
          "Jackson Thompson White Harris Clark Lewis Walker Hall Young King Wright Scott Green Baker "
          "Adams Nelson Carter Mitchell Roberts Turner Phillips Campbell Parker Evans Edwards Collins "
          "Stewart Morris Murphy Cook Rogers Reed Bailey Bell Cooper Richardson Howard Ward Brooks "
          "Kelly Sanders Price Bennett Wood Barnes Ross Henderson Coleman Jenkins Perry Powell Long "
          "O'Brien Walsh McLeod Hart Grant Whitaker Castellano Okonkwo "
          "Müller Schmidt Schneider Fischer Weber Wagner Becker Hoffmann Schulz Koch Richter Klein Wolf "
          "Schröder Neumann Braun Zimmermann Krüger Hartmann Lange Albrecht Brandt "
          "de_Vries Jansen van_Dijk Bakker Visser Smit Meijer de_Boer Mulder "
          "Larsen Nielsen Hansen Johansson Andersson Lindqvist Eriksson Berg "
          "Martin Bernard Dubois Thomas Robert Richard Petit Durand Leroy Moreau Simon Laurent Lefebvre "
          "Rossi Russo Ferrari Esposito Bianchi Romano Colombo Ricci Marino Greco Bruno Gallo "
          "Kowalski Nowak Wiśniewski Wójcik Kamiński Lewandowski Zieliński Szymański "
          "Lim Tan Sy Go Ong Chua Yap Chan Wong Lee Ng Teo Goh Koh "
          "Wang Li Zhang Liu Chen Yang Huang Zhao Wu Zhou Xu Sun Ma Zhu Hu Guo Lin "
          "Sato Suzuki Takahashi Tanaka Watanabe Ito Yamamoto Nakamura Kobayashi Kato Yoshida "
          "Kim Park Choi Jung Kang Cho Yoon Jang Lim Han "
          "Nguyen Tran Le Pham Hoang Phan Vu Dang Bui Do "
          "Wijaya Santoso Susanto Halim Gunawan Hidayat Saputra "
          "Suwannarat Chaiyaporn Srisuk Wongsawat "
          "Sharma Patel Singh Kumar Gupta Iyer Reddy Nair Menon Rao Das Malhotra Chatterjee Mehta "
          "Khan Ahmed Hassan Ali Haddad Mansour Rahman Hussain Yılmaz Demir "
          "Okafor Eze Adeyemi Mensah Boateng Nkosi Dlamini Mwangi "
          "Silva Souza Oliveira Costa Pereira Almeida Ferreira Rodrigues Carvalho Gomes");

const std::vector<std::pair<std::string, std::string>> Nicknames = {
    {"Robert", "Bob"},      {"William", "Bill"},      {"Katherine", "Kate"}, {"Elizabeth", "Liz"},
    {"James", "Jim"},       {"Michael", "Mike"},      {"Anthony", "Tony"},   {"Richard", "Rick"},
    {"Margaret", "Maggie"}, {"Christopher", "Chris"}, {"Nicholas", "Nick"},  {"Stephen", "Steve"},
    {"Matthew", "Matt"},    {"Rebecca", "Becky"},     {"Benjamin", "Ben"},   {"Alexander", "Alex"},
    {"Victoria", "Vicky"},  {"Abigail", "Abby"},      {"Edward", "Ed"},      {"Joseph", "Joe"},
    {"Susan", "Sue"},       {"Deborah", "Debbie"},    {"Timothy", "Tim"},    {"Frederick", "Fred"},
    {"Theodore", "Theo"},   {"Patricia", "Pat"},      {"Samuel", "Sam"},     {"Daniel", "Dan"},
    {"Francisco", "Paco"},  {"José", "Pepe"},         {"Ignacio", "Nacho"},  {"Dolores", "Lola"},
    {"Consuelo", "Chelo"},  {"Rosario", "Charo"},     {"Emmanuel", "Manny"}, {"Ramon", "Mon"},
    {"Jennifer", "Jen"},    {"Gregory", "Greg"},      {"Douglas", "Doug"},   {"Kathleen", "Kathy"}};

const std::vector<std::string> CompanyStems = words(
    "Kalinaw Tala Lahug Bayline Fogbank Northbank Hudson Empire Thameside Spreewerk Gridwise Tollgate "
    "Mactan Diliman Alon Ayala Meralco Globe Jollibee Petron Aboitiz Cebuana Mabuhay Bagwis Dagat Bituin "
    "Acme Initech Stripe Shopify Grab Canva Atlassian Boeing Deloitte Accenture Siemens Telefónica BBVA "
    "Sunrise Harbour Riverstone Bluefin Copperleaf Ironwood Silverline Evergreen Brightpath Clearwater "
    "Redwood Summit Keystone Lighthouse Pinecrest Oakridge Northstar Westbrook Eastgate Southwind "
    "Lakeshore Highland Meridian Horizon Pioneer Vanguard Sterling Beacon Cascade Falcon Orion Vertex "
    "Quantum Nimbus Zenith Apex Atlas Helix Nova Polaris Sequoia Tundra Sakura Hanami Mekong Borneo "
    "Sahara Andes Danube Baltic Nordic Alpine Pacifica Coral Lotus Jade Saffron Indigo Cobalt Amber");
const std::vector<std::string> CompanyKinds = words(
    "Foods Media Payments Analytics Freight Retail Mobility Software Labs Studio Consulting Partners "
    "Logistics Energy Health Capital Telecom Design Systems Robotics Foods Bank Insurance Realty Hotels "
    "Airlines Pharma Textiles Motors Ventures Games Learning Security Cloud Data Solar");
const std::vector<std::string> LegalForms = {
    "", "", "", " Inc.", " Corp.", " LLC", ", Inc.", " Corporation", " Ltd", " GmbH", " Pte. Ltd."};
const std::vector<std::string> Titles = words(
    "Engineer Designer Product_Manager Director_of_Product Head_of_Design Consultant Analyst Founder CEO CTO "
    "VP_Engineering Marketing_Lead Data_Scientist Account_Manager Teacher Architect Researcher Photographer "
    "Writer Project_Manager Operations_Manager Sales_Director Developer UX_Researcher Art_Director");
const std::vector<std::string> Tags =
    words("ex-colleagues university clients conference_friends family neighbours climbing_club high_school "
          "pm_community design_community church homeschool running_club book_club");
const std::vector<std::string> Interests =
    words("photography film_photography running cycling climbing diving hiking sailing chess poetry jazz "
          "open_mics ceramics gardening cooking baking natural_wine coffee tea rust python maps public_data "
          "urban_sketching watercolor branding typography illustration game_design board_games football "
          "basketball tennis yoga meditation birdwatching astronomy history architecture travel podcasts "
          "climate_tech fintech open_source machine_learning robotics education math_circles parenting "
          "volunteering theatre opera film karaoke dance surfing skateboarding");
const std::vector<std::string> Streets =
    words("Market_Street Harbour_Road Station_Road King_Street Queen_Street Park_Avenue Church_Street "
          "High_Street River_Road Garden_Street Mill_Lane Bridge_Street Victoria_Road Central_Avenue");
const std::vector<std::string> HotelNames =
    words("Harbour_View_Hotel Grand_Central_Hotel Parkside_Suites City_Lofts_Hotel Riverside_Inn "
          "Marco_Polo_Plaza Farringdon_Yard_Hotel Bowery_Row_Hotel Fremont_Lofts_Hotel Skyline_Residences");
const std::vector<std::string> Airlines = {"PR", "5J", "SQ", "CX", "NH", "JL", "KE",
                                           "TG", "MH", "EK", "QR", "UA", "BA", "LH"};

std::string ascii(std::string s) {
    static const std::pair<const char*, const char*> table[] = {
        {"é", "e"}, {"É", "E"}, {"á", "a"}, {"í", "i"}, {"ó", "o"}, {"ú", "u"}, {"ñ", "n"}, {"ü", "u"},
        {"ö", "o"}, {"ä", "a"}, {"ł", "l"}, {"Ł", "L"}, {"ś", "s"}, {"ń", "n"}, {"ı", "i"}, {"ã", "a"}};
    for (const auto& [from, to] : table) {
        for (auto pos = s.find(from); pos != std::string::npos; pos = s.find(from)) {
            s.replace(pos, std::strlen(from), to);
        }
    }
    return s;
}

std::string lower_ascii(const std::string& s) {
    std::string out;
    for (char c : ascii(s)) {
        if (std::isalnum(static_cast<unsigned char>(c))) {
            out += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        }
    }
    return out;
}

std::string csv(const std::string& s) {
    if (s.find_first_of(",\"\n") == std::string::npos) {
        return s;
    }
    std::string q = "\"";
    for (char c : s) {
        q += c == '"' ? std::string("\"\"") : std::string(1, c);
    }
    return q + "\"";
}

/// vCard and iCalendar TEXT escaping.
std::string esc(const std::string& s) {
    std::string out;
    for (char c : s) {
        if (c == ',' || c == ';' || c == '\\') {
            out += '\\';
        }
        out += c;
    }
    return out;
}

std::string join(const std::vector<std::string>& v, const std::string& sep) {
    std::string out;
    for (const auto& s : v) {
        out += (out.empty() ? "" : sep) + s;
    }
    return out;
}

std::string uuid(Random& rng) {
    char b[40];
    const auto a = rng.next();
    const auto c = rng.next();
    std::snprintf(
        b, sizeof b, "%08llx-%04llx-%04llx-%04llx-%012llx", static_cast<unsigned long long>(a >> 32),
        static_cast<unsigned long long>((a >> 16) & 0xffff), static_cast<unsigned long long>(a & 0xffff),
        static_cast<unsigned long long>(c >> 48), static_cast<unsigned long long>(c & 0xffffffffffffULL));
    return b;
}

// ---------------------------------------------------------------------------------------------
// Places

struct City {
    std::string name;
    std::string region;
    std::string country; ///< alpha-2
    std::string country_name;
    std::string timezone;
    GeoPoint point;
    double population = 0;
    std::string text; ///< as contacts write it: "Lipa, Batangas"
    double home_km = 0;
};

struct Airport {
    std::string iata;
    std::string city_text; ///< "Manila (MNL)"
    GeoPoint point;
};

const GeoPoint Home{13.9411, 121.1631}; // Lipa City, Batangas
const std::string HomeZone = "Asia/Manila";
const std::string UserEmail = "bea.santos@example.com";

double km(const GeoPoint& a, const GeoPoint& b) {
    return geo::distance_m(a, b) / 1000.0;
}

bool lands_near(geo::Geocoder& geocoder, const std::string& text, const std::string& country,
                const GeoPoint& where, double within_km) {
    const auto r = geocoder.geocode({text, country});
    return r.status == geo::GeocodeStatus::Ok && km(r.point, where) <= within_km;
}

bool is_city_feature(std::string_view f) {
    return f == "PPL" || f == "PPLA" || f == "PPLA2" || f == "PPLA3" || f == "PPLA4" || f == "PPLC" ||
           f == "PPLG";
}

/// The largest `ph` Philippine and `world` other cities that resolve back to themselves when
/// written "Name, Region" with their country code.
std::vector<City> choose_cities(const geo::Gazetteer& gaz, geo::Geocoder& geocoder, std::size_t ph,
                                std::size_t world) {
    std::vector<geo::Place> places;
    for (std::uint32_t i = 0; i < gaz.place_count(); ++i) {
        auto p = gaz.place(i);
        if (p.population >= 20000 && is_city_feature(p.feature)) {
            places.push_back(p);
        }
    }
    std::stable_sort(places.begin(), places.end(), [](const geo::Place& a, const geo::Place& b) {
        return a.population != b.population ? a.population > b.population : a.geonameid < b.geonameid;
    });
    std::vector<City> out;
    std::set<std::string> seen;
    std::size_t taken_ph = 0, taken_world = 0;
    for (const auto& p : places) {
        const bool is_ph = p.country == "PH";
        if ((is_ph && taken_ph >= ph) || (!is_ph && taken_world >= world)) {
            continue;
        }
        City c;
        c.name = std::string(p.name);
        c.country = std::string(p.country);
        c.timezone = std::string(p.timezone);
        c.point = p.point;
        c.population = p.population;
        const auto country = gaz.country_by_code(p.country);
        c.country_name = country ? std::string(country->name) : c.country;
        // Filipinos write the province ("Lipa, Batangas"); elsewhere the first-level region.
        if (is_ph && p.admin2) {
            c.region = std::string(gaz.region(*p.admin2).name);
            for (const char* prefix : {"Province of ", "City of "}) {
                if (c.region.rfind(prefix, 0) == 0) {
                    c.region.erase(0, std::strlen(prefix));
                }
            }
        } else if (p.admin1) {
            c.region = std::string(gaz.region(*p.admin1).name);
        }
        std::vector<std::string> texts;
        if (!c.region.empty() && text::fold(c.region) != text::fold(c.name)) {
            texts.push_back(c.name + ", " + c.region);
        }
        texts.push_back(c.name + ", " + c.country_name);
        c.text.clear();
        for (const auto& t : texts) {
            if (lands_near(geocoder, t, c.country, c.point, 10.0)) {
                c.text = t;
                break;
            }
        }
        if (c.text.empty() || !seen.insert(text::fold(c.text)).second) {
            continue;
        }
        c.home_km = km(c.point, Home);
        (is_ph ? taken_ph : taken_world) += 1;
        out.push_back(std::move(c));
    }
    return out;
}

// ---------------------------------------------------------------------------------------------
// Contacts

struct Person {
    std::string id;
    std::string first, last, name;
    std::vector<std::string> emails;
    std::string phone;
    std::string organization;
    std::string title;
    std::size_t city = 0;
    std::optional<std::size_t> work_city;
    bool no_place = false;
    std::string tag;
    std::vector<std::string> interests;
    std::vector<std::string> knows;
    std::string last_met;
    int cadence = 0;
    int tie = 0;
    int priority = 0;
    std::string linkedin;
};

std::string date_text(const Date& d) {
    return format_date(d);
}

/// A surname: half from the common pool, half from a long tail, as real surnames are spread
/// (a few very common, most rare); with only the pool, most strangers at a conference would
/// share their full name with one of 100,000 contacts.
std::string surname(Random& rng, const std::vector<std::string>& tail) {
    return tail.empty() || rng.chance(0.5) ? rng.pick(LastNames) : rng.pick(tail);
}

/// The long tail of surnames: one-word place names of small towns (many surnames are place
/// names), ASCII letters, 5 to 10 long; 20,000 of them.
std::vector<std::string> surname_tail(const geo::Gazetteer& gaz) {
    std::vector<std::string> out;
    std::set<std::string> seen;
    for (std::uint32_t i = 0; i < gaz.place_count(); ++i) {
        const auto p = gaz.place(i);
        const std::string name(p.name);
        if (p.population >= 20000 || name.size() < 5 || name.size() > 10 ||
            !std::all_of(name.begin(), name.end(),
                         [](char c) { return std::isalpha(static_cast<unsigned char>(c)); }) ||
            !std::isupper(static_cast<unsigned char>(name[0])) || !seen.insert(name).second) {
            continue;
        }
        out.push_back(name);
    }
    // Every k-th, so the tail is spread over the gazetteer's countries.
    std::vector<std::string> sample;
    const std::size_t step = std::max<std::size_t>(1, out.size() / 20000);
    for (std::size_t i = 0; i < out.size() && sample.size() < 20000; i += step) {
        sample.push_back(out[i]);
    }
    return sample;
}

std::vector<Person> make_contacts(Random& rng, std::size_t count, const std::vector<City>& cities,
                                  const std::vector<std::string>& companies,
                                  const std::vector<std::string>& tail) {
    // Where people live: every city has someone; beyond that, big cities more, and the user's
    // own region (Batangas, Laguna, Cavite, Metro Manila) much more.
    std::vector<double> weights;
    for (const auto& c : cities) {
        double w = std::pow(c.population, 0.6);
        if (c.country == "PH") {
            w *= 6.0;
        }
        if (c.home_km < 150.0) {
            w *= 4.0;
        }
        weights.push_back(w);
    }
    const Weighted where(weights);
    std::vector<Person> people;
    people.reserve(count);
    std::unordered_set<std::string> used_emails;
    for (std::size_t i = 0; i < count; ++i) {
        Person p;
        p.id = uuid(rng);
        p.first = rng.pick(FirstNames);
        if (rng.chance(0.12)) { // a second given name or a middle initial
            p.first += rng.chance(0.5) ? " " + rng.pick(FirstNames)
                                       : " " + std::string(1, static_cast<char>('A' + rng.below(26))) + ".";
        }
        p.last = surname(rng, tail);
        if (rng.chance(0.06)) {
            p.last += "-" + surname(rng, tail);
        }
        p.name = p.first + " " + p.last;
        p.city = i < cities.size() ? i : where.pick(rng);
        if (rng.chance(0.03)) {
            p.no_place = true;
        } else if (rng.chance(0.10)) {
            p.work_city = rng.chance(0.7) ? where.pick(rng) : p.city;
        }
        const auto& company = rng.pick(companies);
        if (!rng.chance(0.15)) {
            p.organization = company + rng.pick(LegalForms);
            p.title = rng.pick(Titles);
        }
        const std::string f = lower_ascii(p.first.substr(0, p.first.find(' ')));
        const std::string l = lower_ascii(p.last);
        if (!rng.chance(0.08)) {
            std::string email;
            for (int attempt = 0; email.empty() || used_emails.count(email) > 0; ++attempt) {
                const std::string suffix = attempt == 0 ? "" : std::to_string(rng.below(10000));
                const std::size_t form = rng.below(4);
                if (form == 0 && !p.organization.empty()) {
                    email = f + "." + l + suffix + "@" + lower_ascii(company) + ".example.com";
                } else if (form == 1) {
                    email = f + l + suffix + "@gmail.com";
                } else if (form == 2) {
                    email = f.substr(0, 1) + l + suffix + "@example.org";
                } else {
                    email = f + "." + l + suffix + "@example.net";
                }
            }
            used_emails.insert(email);
            p.emails.push_back(email);
            if (rng.chance(0.15)) {
                const std::string second = f + "_" + l + std::to_string(i) + "@mail.example.com";
                used_emails.insert(second);
                p.emails.push_back(second);
            }
        }
        if (rng.chance(0.5)) {
            char b[32];
            // One number per person, as in a real address book (contacts sharing a phone are
            // merged as one human); the random draws stay, so every other field is as before.
            (void)rng.below(100);
            (void)rng.below(10000);
            std::snprintf(b, sizeof b, "+%d %03d 555 %04d", cities[p.city].country == "PH" ? 63 : 1,
                          static_cast<int>(900 + (i / 10000) % 100), static_cast<int>(i % 10000));
            p.phone = b;
        }
        if (!rng.chance(0.2)) {
            p.tag = rng.pick(Tags);
        }
        if (rng.chance(0.25)) {
            const int n = rng.between(1, 3);
            for (int k = 0; k < n; ++k) {
                const auto& topic = rng.pick(Interests);
                if (std::find(p.interests.begin(), p.interests.end(), topic) == p.interests.end()) {
                    p.interests.push_back(topic);
                }
            }
        }
        if (rng.chance(0.7)) {
            p.last_met = date_text(Date{sys_days{year{2018} / 1 / 1} + days{rng.between(0, 8 * 365 + 300)}});
        }
        if (rng.chance(0.2)) {
            static const int cadences[] = {30, 60, 90, 180, 365};
            p.cadence = cadences[rng.below(5)];
        }
        const double t = rng.unit();
        p.tie = t < 0.35 ? 1 : t < 0.65 ? 2 : t < 0.85 ? 3 : t < 0.95 ? 4 : 5;
        if (rng.chance(0.10)) {
            p.priority = rng.between(1, 5);
        }
        if (rng.chance(0.2)) {
            p.linkedin =
                "https://www.linkedin.com/in/" + f + "-" + l + "-" + std::to_string(rng.below(100000));
        }
        people.push_back(std::move(p));
    }
    // Who knows whom: 5% name one or two others.
    for (std::size_t i = 0; i < people.size(); ++i) {
        if (rng.chance(0.05)) {
            const int n = rng.between(1, 2);
            for (int k = 0; k < n; ++k) {
                people[i].knows.push_back(people[rng.below(people.size())].id);
            }
        }
    }
    return people;
}

void write_contacts_csv(const std::filesystem::path& path, const std::vector<Person>& people,
                        const std::vector<City>& cities) {
    std::ofstream out(path, std::ios::binary);
    out << "id,name,given_name,family_name,emails,phones,organization,title,home,work,country,tags,interests,"
           "knows,last_met,cadence_days,tie_strength,priority,linkedin\n";
    for (const auto& p : people) {
        const City& home = cities[p.city];
        out << p.id << ',' << csv(p.name) << ',' << csv(p.first) << ',' << csv(p.last) << ','
            << csv(join(p.emails, ";")) << ',' << csv(p.phone) << ',' << csv(p.organization) << ','
            << csv(p.title) << ',' << (p.no_place ? "" : csv(home.text)) << ','
            << (p.work_city && !p.no_place ? csv(cities[*p.work_city].text) : "") << ','
            << (p.no_place ? "" : home.country) << ',' << csv(p.tag) << ',' << csv(join(p.interests, ";"))
            << ',' << join(p.knows, ";") << ',' << p.last_met << ','
            << (p.cadence ? std::to_string(p.cadence) : "") << ',' << p.tie << ','
            << (p.priority ? std::to_string(p.priority) : "") << ',' << p.linkedin << '\n';
    }
}

void write_contacts_vcf(const std::filesystem::path& path, const std::vector<Person>& people,
                        const std::vector<City>& cities) {
    std::ofstream out(path, std::ios::binary);
    for (const auto& p : people) {
        out << "BEGIN:VCARD\r\nVERSION:4.0\r\nPRODID:-//sidetrip//bench_generate//EN\r\n"
            << "UID:urn:uuid:" << p.id << "\r\nFN:" << esc(p.name) << "\r\nN:" << esc(p.last) << ';'
            << esc(p.first) << ";;;\r\n";
        for (const auto& e : p.emails) {
            out << "EMAIL;TYPE=work:" << e << "\r\n";
        }
        if (!p.phone.empty()) {
            out << "TEL;TYPE=cell;VALUE=uri:tel:" << p.phone << "\r\n";
        }
        if (!p.organization.empty()) {
            out << "ORG:" << esc(p.organization) << "\r\nTITLE:" << esc(p.title) << "\r\n";
        }
        if (!p.no_place) {
            const City& c = cities[p.city];
            out << "ADR;TYPE=home:;;;" << esc(c.name) << ';' << esc(c.region) << ";;" << esc(c.country_name)
                << "\r\n";
            if (p.work_city) {
                const City& w = cities[*p.work_city];
                out << "ADR;TYPE=work:;;;" << esc(w.name) << ';' << esc(w.region) << ";;"
                    << esc(w.country_name) << "\r\n";
            }
        }
        if (!p.tag.empty()) {
            out << "CATEGORIES:" << esc(p.tag) << "\r\n";
        }
        for (const auto& k : p.knows) {
            out << "RELATED;TYPE=knows:urn:uuid:" << k << "\r\n";
        }
        if (!p.linkedin.empty()) {
            out << "URL;TYPE=linkedin:" << p.linkedin << "\r\n";
        }
        if (!p.interests.empty()) {
            std::vector<std::string> escaped;
            for (const auto& i : p.interests) {
                escaped.push_back(esc(i));
            }
            out << "X-SIDETRIP-INTERESTS:" << join(escaped, ",") << "\r\n";
        }
        if (!p.last_met.empty()) {
            out << "X-SIDETRIP-LAST-MET:" << p.last_met << "\r\n";
        }
        if (p.cadence) {
            out << "X-SIDETRIP-CADENCE:" << p.cadence << "\r\n";
        }
        out << "X-SIDETRIP-TIE:" << p.tie << "\r\n";
        if (p.priority) {
            out << "X-SIDETRIP-PRIORITY:" << p.priority << "\r\n";
        }
        out << "END:VCARD\r\n";
    }
}

// ---------------------------------------------------------------------------------------------
// Calendar

std::string utc_stamp(sys_seconds t) {
    const auto d = floor<days>(t);
    const year_month_day ymd{d};
    const hh_mm_ss hms{t - d};
    char b[64];
    std::snprintf(b, sizeof b, "%04d%02u%02uT%02ld%02ld%02ldZ", static_cast<int>(ymd.year()),
                  static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()),
                  static_cast<long>(hms.hours().count()), static_cast<long>(hms.minutes().count()),
                  static_cast<long>(hms.seconds().count()));
    return b;
}

std::string local_stamp(const Date& d, minutes t) {
    const year_month_day ymd{sys_days{d}};
    char b[64];
    std::snprintf(b, sizeof b, "%04d%02u%02uT%02ld%02ld00", static_cast<int>(ymd.year()),
                  static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()),
                  static_cast<long>(t.count() / 60), static_cast<long>(t.count() % 60));
    return b;
}

std::string date_stamp(const Date& d) {
    const year_month_day ymd{sys_days{d}};
    char b[64];
    std::snprintf(b, sizeof b, "%04d%02u%02u", static_cast<int>(ymd.year()),
                  static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()));
    return b;
}

sys_seconds at(const Date& d, minutes t, const std::string& zone) {
    return calendar::to_utc(local_seconds{local_days{d}.time_since_epoch()} + t, zone);
}

Date local_day(sys_seconds t, const std::string& zone) {
    return Date{sys_days{floor<days>(calendar::to_local(t, zone)).time_since_epoch()}};
}

/// One VEVENT being written.
class Event {
public:
    explicit Event(const std::string& uid) {
        m_text = "BEGIN:VEVENT\r\nDTSTAMP:20261115T080000Z\r\nUID:" + uid + "\r\n";
    }
    Event& add(const std::string& name, const std::string& value) {
        std::string line = name + ":" + value;
        // Fold at 75 octets, never inside a UTF-8 sequence.
        std::size_t start = 0;
        bool first = true;
        while (line.size() - start > (first ? 75u : 74u)) {
            std::size_t cut = start + (first ? 75 : 74);
            while ((static_cast<unsigned char>(line[cut]) & 0xC0) == 0x80) {
                --cut;
            }
            m_text += (first ? "" : " ") + line.substr(start, cut - start) + "\r\n";
            start = cut;
            first = false;
        }
        m_text += (first ? "" : " ") + line.substr(start) + "\r\n";
        return *this;
    }
    std::string done() { return m_text + "END:VEVENT\r\n"; }

private:
    std::string m_text;
};

struct Destination {
    City city;
    Airport airport;
};

struct TripLog {
    Date first;
    Date last;
    std::vector<std::string> cities;
};

struct CalendarCounts {
    std::size_t events = 0;
    std::size_t series = 0;
};

class CalendarWriter {
public:
    CalendarWriter(Random& rng, geo::Geocoder& geocoder, const std::vector<Person>& people,
                   const std::vector<City>& cities, const std::vector<std::string>& companies)
        : m_rng(rng), m_geocoder(geocoder), m_people(people), m_cities(cities), m_companies(companies) {
        for (std::size_t i = 0; i < people.size(); ++i) {
            if (!people[i].no_place && !people[i].emails.empty()) {
                m_by_city[people[i].city].push_back(i);
            }
        }
    }

    void trip(const std::vector<Destination>& stops, const Airport& home_airport, const Date& depart,
              const std::vector<int>& nights, bool conference, std::vector<TripLog>& log) {
        TripLog entry;
        const Date day0 = depart;
        // Outbound: leaves home at 07:00 (Manila), in UTC as TripIt writes flights.
        sys_seconds leave = at(day0, hours{7}, HomeZone);
        const Airport* from = &home_airport;
        Date first_day{};
        Date last_day{};
        for (std::size_t s = 0; s < stops.size(); ++s) {
            const auto& stop = stops[s];
            const sys_seconds land = flight(*from, stop.airport, leave);
            const Date arrival = local_day(land, stop.city.timezone);
            if (s == 0) {
                first_day = arrival;
            }
            const Date checkout{sys_days{arrival} + days{nights[s]}};
            entry.cities.push_back(stop.city.name);
            // The hotel: all nights, transparent, with a street address.
            Event hotel(uid("hotel"));
            hotel.add("DTSTART;VALUE=DATE", date_stamp(arrival))
                .add("DTEND;VALUE=DATE", date_stamp(checkout))
                .add("SUMMARY", "Check-in: " + m_rng.pick(HotelNames))
                .add("LOCATION", esc(std::to_string(m_rng.between(1, 250)) + " " + m_rng.pick(Streets) +
                                     ", " + stop.city.name + ", " + stop.city.country_name))
                .add("TRANSP", "TRANSPARENT")
                .add("DESCRIPTION", esc("[Lodging] check-in " + format_date(arrival) + ", check-out " +
                                        format_date(checkout)));
            push(hotel.done());
            if (conference && s == 0 && nights[s] >= 3) {
                Event conf(uid("conf"));
                conf.add("DTSTART;VALUE=DATE", date_stamp(Date{sys_days{arrival} + days{1}}))
                    .add("DTEND;VALUE=DATE", date_stamp(Date{sys_days{arrival} + days{3}}))
                    .add("SUMMARY",
                         esc(stop.city.name + " Product Summit " +
                             std::to_string(static_cast<int>(year_month_day{sys_days{arrival}}.year()))))
                    .add("LOCATION", esc(place_text(stop.city)))
                    .add("TRANSP", "TRANSPARENT");
                push(conf.done());
            }
            // Client meetings: the afternoon of arrival, each full day, the morning of departure.
            for (int d = 0; d <= nights[s]; ++d) {
                const Date day{sys_days{arrival} + days{d}};
                const bool conf_day = conference && s == 0 && (d == 1 || d == 2);
                std::vector<int> starts;
                if (d == 0) {
                    starts = {15 * 60 + 30};
                } else if (d == nights[s]) {
                    starts = {9 * 60};
                } else if (conf_day) {
                    starts = {};
                } else {
                    starts = {9 * 60 + 30, 13 * 60 + 30 + 30 * m_rng.between(0, 2), 16 * 60 + 30};
                    starts.resize(static_cast<std::size_t>(m_rng.between(1, 3)));
                }
                for (int start : starts) {
                    meeting(stop.city, day, minutes{start}, minutes{60 + 30 * m_rng.between(0, 2)});
                }
            }
            // Onward (or home) at 18:00 local on the last day; from across the Pacific earlier,
            // so that the user is not in the air through a whole Manila day.
            leave = at(checkout, hours{18}, stop.city.timezone);
            if (s + 1 == stops.size()) {
                for (int hour : {12, 8}) {
                    const auto hop = km(stop.airport.point, home_airport.point);
                    const sys_seconds lands = leave + minutes{static_cast<long>(hop / 800.0 * 60.0 + 40.0)};
                    if (sys_days{local_day(lands, HomeZone)} <= sys_days{checkout} + days{1}) {
                        break;
                    }
                    leave = at(checkout, hours{hour}, stop.city.timezone);
                }
            }
            from = &stop.airport;
            last_day = checkout;
        }
        flight(*from, home_airport, leave);
        entry.first = first_day;
        entry.last = last_day;
        log.push_back(entry);
    }

    void road_trip(const City& city, const Date& day, int nights, std::vector<TripLog>& log) {
        Event drive(uid("drive"));
        drive.add("DTSTART", utc_stamp(at(day, hours{6} + minutes{30}, HomeZone)))
            .add("DTEND", utc_stamp(at(day, hours{9} + minutes{30}, HomeZone)))
            .add("SUMMARY", "Drive to " + city.name)
            .add("DESCRIPTION", "Leave by 6:30 to beat SLEX traffic.");
        push(drive.done());
        if (nights > 0) {
            Event hotel(uid("hotel"));
            hotel.add("DTSTART;VALUE=DATE", date_stamp(day))
                .add("DTEND;VALUE=DATE", date_stamp(Date{sys_days{day} + days{nights}}))
                .add("SUMMARY", "Check-in: " + m_rng.pick(HotelNames))
                .add("LOCATION", esc(std::to_string(m_rng.between(1, 250)) + " " + m_rng.pick(Streets) +
                                     ", " + city.name + ", " + city.country_name))
                .add("TRANSP", "TRANSPARENT");
            push(hotel.done());
        }
        for (int d = 0; d <= nights; ++d) {
            const Date date{sys_days{day} + days{d}};
            meeting(city, date, hours{10}, minutes{120});
            if (m_rng.chance(0.6)) {
                meeting(city, date, hours{14}, minutes{90});
            }
        }
        log.push_back({day, Date{sys_days{day} + days{nights}}, {city.name}});
    }

    // Recurring series from home: online syncs, home-area activities, reminders, birthdays.
    void series(const std::vector<std::string>& home_places) {
        static const char* byday[] = {"MO", "TU", "WE", "TH", "FR"};
        const double kind = m_rng.unit();
        const std::string id = uid("series");
        Date start{sys_days{year{2027} / 1 / 4} + days{m_rng.between(0, 640)}};
        const weekday wd{sys_days{start}};
        const unsigned wdi = wd.c_encoding();
        if (wdi == 0 || wdi == 6) {
            start = Date{sys_days{start} + days{wdi == 0 ? 1 : 2}};
        }
        const std::string day_code = byday[weekday{sys_days{start}}.c_encoding() - 1];
        const minutes at_time{(8 + m_rng.between(0, 9)) * 60 + 30 * m_rng.between(0, 1)};
        const minutes length{30 * m_rng.between(1, 3)};
        Event e(id);
        std::string rule;
        bool all_day = false;
        if (kind < 0.50) {
            const Date until{sys_days{start} + days{m_rng.between(30, 180)}};
            rule = "FREQ=WEEKLY;BYDAY=" + day_code + ";UNTIL=" + date_stamp(until) + "T155959Z";
        } else if (kind < 0.65) {
            rule =
                "FREQ=WEEKLY;INTERVAL=2;BYDAY=" + day_code + ";COUNT=" + std::to_string(m_rng.between(4, 13));
        } else if (kind < 0.80) {
            rule = m_rng.chance(0.5)
                       ? "FREQ=MONTHLY;BYMONTHDAY=" +
                             std::to_string(static_cast<unsigned>(year_month_day{sys_days{start}}.day()))
                       : "FREQ=MONTHLY;BYDAY=1" + day_code;
            rule += ";COUNT=" + std::to_string(m_rng.between(6, 18));
        } else if (kind < 0.90) {
            rule = "FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR;COUNT=" + std::to_string(m_rng.between(5, 15));
        } else if (kind < 0.93) {
            rule = "FREQ=WEEKLY;WKST=SU;BYDAY=" + day_code;
        } else {
            rule = "FREQ=YEARLY";
            all_day = true;
        }
        // A calendar this size is several merged: the user's own (online syncs that block time,
        // home-area activities) and subscribed team calendars, whose events are free time.
        const double where = m_rng.unit();
        std::string summary;
        std::string location;
        bool transparent = false;
        if (all_day) {
            summary = m_rng.pick(m_people).first + "'s birthday";
        } else if (where < 0.15) {
            summary = m_rng.pick(std::vector<std::string>{"Weekly design sync", "Client check-in", "1:1",
                                                          "Project sync", "Mentoring session"}) +
                      " - " + m_rng.pick(m_companies);
            location = m_rng.pick(std::vector<std::string>{
                "https://us06web.zoom.us/j/8551234" + std::to_string(1000 + m_rng.below(9000)),
                "Microsoft Teams Meeting", "https://meet.google.com/abc-defg-hij"});
        } else if (where < 0.65) {
            summary =
                "Team calendar: " +
                m_rng.pick(std::vector<std::string>{"Standup", "Sprint planning", "Sprint review", "Retro",
                                                    "All hands", "Office hours", "Release window"}) +
                " (" + m_rng.pick(m_companies) + ")";
            if (m_rng.chance(0.5)) {
                location = "Microsoft Teams Meeting";
            }
            transparent = true;
        } else if (where < 0.90) {
            summary = m_rng.pick(std::vector<std::string>{"Homeschool co-op", "Church - Sunday service",
                                                          "Piano lesson", "Gym", "Math circle",
                                                          "Choir practice", "Market run"});
            location = m_rng.pick(home_places);
        } else {
            summary = m_rng.pick(std::vector<std::string>{"Focus time", "Pay bills", "Weekly review",
                                                          "Plan the week", "School pickup"});
            transparent = true;
        }
        if (all_day) {
            e.add("DTSTART;VALUE=DATE", date_stamp(start))
                .add("DTEND;VALUE=DATE", date_stamp(Date{sys_days{start} + days{1}}))
                .add("TRANSP", "TRANSPARENT");
        } else {
            e.add("DTSTART;TZID=" + HomeZone, local_stamp(start, at_time))
                .add("DTEND;TZID=" + HomeZone, local_stamp(start, at_time + length));
        }
        e.add("RRULE", rule).add("SUMMARY", esc(summary));
        if (!location.empty()) {
            e.add("LOCATION", esc(location));
        }
        if (transparent && !all_day) {
            e.add("TRANSP", "TRANSPARENT");
        }
        if (!all_day && m_rng.chance(0.2)) {
            const int n = m_rng.between(1, 3);
            std::string list;
            for (int k = 0; k < n; ++k) {
                const Date x{sys_days{start} + days{7 * m_rng.between(1, 4)}};
                list += (list.empty() ? "" : ",") + local_stamp(x, at_time);
            }
            e.add("EXDATE;TZID=" + HomeZone, list);
        }
        e.add("STATUS", "CONFIRMED");
        push(e.done());
        ++m_counts.series;
        // A moved or a cancelled instance: the next week's, as its own VEVENT.
        if (!all_day && m_rng.chance(0.1) && rule.find("BYDAY=" + day_code) != std::string::npos &&
            rule.find("INTERVAL") == std::string::npos && rule.find("MO,TU") == std::string::npos) {
            const Date original{sys_days{start} + days{7}};
            Event o(id);
            o.add("RECURRENCE-ID;TZID=" + HomeZone, local_stamp(original, at_time));
            if (m_rng.chance(0.5)) {
                o.add("DTSTART;TZID=" + HomeZone, local_stamp(original, at_time + hours{1}))
                    .add("DTEND;TZID=" + HomeZone, local_stamp(original, at_time + hours{1} + length))
                    .add("SUMMARY", esc(summary + " (moved)"))
                    .add("STATUS", "CONFIRMED");
            } else {
                o.add("DTSTART;TZID=" + HomeZone, local_stamp(original, at_time))
                    .add("DTEND;TZID=" + HomeZone, local_stamp(original, at_time + length))
                    .add("SUMMARY", esc(summary))
                    .add("STATUS", "CANCELLED");
            }
            if (!location.empty()) {
                o.add("LOCATION", esc(location));
            }
            push(o.done());
        }
    }

    // One event at home: online, in the home area, or without a place; never on a trip day
    // (nobody books the dentist in Lipa while in Singapore).
    void single(const std::vector<std::string>& home_places, const std::set<Date>& trip_days) {
        Date day{};
        do {
            day = Date{sys_days{year{2027} / 1 / 1} + days{m_rng.between(0, 729)}};
        } while (trip_days.count(day) > 0);
        const double kind = m_rng.unit();
        Event e(uid("event"));
        if (kind < 0.08) {
            e.add("DTSTART;VALUE=DATE", date_stamp(day))
                .add("DTEND;VALUE=DATE", date_stamp(Date{sys_days{day} + days{1}}))
                .add("SUMMARY",
                     m_rng.pick(std::vector<std::string>{"Deadline: proposal", "Holiday", "Out of office",
                                                         "Kids' school event", "Invoice day"}))
                .add("TRANSP", "TRANSPARENT");
            push(e.done());
            return;
        }
        const minutes start{(7 + m_rng.between(0, 13)) * 60 + 15 * m_rng.between(0, 3)};
        const minutes length{15 * m_rng.between(1, 8)};
        // Half in UTC as Google exports one-off events, half with the zone.
        if (m_rng.chance(0.5)) {
            e.add("DTSTART", utc_stamp(at(day, start, HomeZone)))
                .add("DTEND", utc_stamp(at(day, start + length, HomeZone)));
        } else {
            e.add("DTSTART;TZID=" + HomeZone, local_stamp(day, start))
                .add("DTEND;TZID=" + HomeZone, local_stamp(day, start + length));
        }
        std::vector<std::size_t> guests;
        if (kind < 0.45) {
            e.add("SUMMARY",
                  esc(m_rng.pick(std::vector<std::string>{"Call with", "Intro call:", "Catch-up with",
                                                          "Review with", "Pitch to"}) +
                      " " + m_rng.pick(m_companies)))
                .add("LOCATION", esc(m_rng.pick(std::vector<std::string>{
                                     "https://us06web.zoom.us/j/85512345678?pwd=alonstudio",
                                     "Microsoft Teams Meeting", "Google Meet", "Zoom"})));
            guests = some_people(m_rng.between(1, 4));
        } else if (kind < 0.75) {
            e.add("SUMMARY", esc(m_rng.pick(std::vector<std::string>{
                                 "Coffee with a client", "Dentist", "Workshop", "Parent-teacher meeting",
                                 "Lunch meeting", "Site visit", "Barangay assembly"})))
                .add("LOCATION", esc(m_rng.pick(home_places)));
            guests = some_people(m_rng.between(0, 2));
        } else {
            e.add("SUMMARY", esc(m_rng.pick(std::vector<std::string>{
                                 "Focus time", "Write report", "Groceries", "Call the bank", "Prepare slides",
                                 "Reminder: renew passport"})));
        }
        if (!guests.empty()) {
            e.add("ORGANIZER;CN=Bea Santos", "mailto:" + UserEmail);
            const bool declined = m_rng.chance(0.05);
            e.add("ATTENDEE;PARTSTAT=" + std::string(declined ? "DECLINED" : "ACCEPTED") + ";CN=Bea Santos",
                  "mailto:" + UserEmail);
            for (std::size_t g : guests) {
                e.add("ATTENDEE;PARTSTAT=ACCEPTED;CN=" + m_people[g].name,
                      "mailto:" + m_people[g].emails.front());
            }
        }
        if (m_rng.chance(0.02)) {
            e.add("STATUS", "CANCELLED");
        } else if (m_rng.chance(0.05)) {
            e.add("TRANSP", "TRANSPARENT");
        }
        push(e.done());
    }

    const CalendarCounts& counts() const { return m_counts; }
    const std::string& body() const { return m_body; }

private:
    std::string uid(const char* what) {
        char b[64];
        std::snprintf(b, sizeof b, "%s-%06zu-%08llx@bench.sidetrip", what, m_counts.events,
                      static_cast<unsigned long long>(m_rng.next() & 0xffffffffULL));
        return b;
    }

    void push(const std::string& event) {
        m_body += event;
        ++m_counts.events;
    }

    std::vector<std::size_t> some_people(int n) {
        std::vector<std::size_t> out;
        for (int k = 0; k < n; ++k) {
            const std::size_t i = m_rng.below(m_people.size());
            if (!m_people[i].emails.empty()) {
                out.push_back(i);
            }
        }
        return out;
    }

    std::string place_text(const City& c) { return c.name + ", " + c.country_name; }

    sys_seconds flight(const Airport& from, const Airport& to, sys_seconds leave) {
        const double distance = km(from.point, to.point);
        const long minutes_in_air = 5 * std::lround((distance / 800.0 * 60.0 + 35.0) / 5.0);
        const sys_seconds land = leave + minutes{minutes_in_air};
        const std::string airline = m_rng.pick(Airlines);
        Event e(uid("flight"));
        e.add("DTSTART", utc_stamp(leave))
            .add("DTEND", utc_stamp(land))
            .add("SUMMARY",
                 airline + " " + std::to_string(m_rng.between(100, 999)) + " " + from.iata + " to " + to.iata)
            .add("LOCATION", esc(from.city_text))
            .add("DESCRIPTION",
                 esc("[Flight] " + airline + " dep " + from.iata + " arr " + to.iata +
                     "; Bea Santos; Confirmation " + std::to_string(m_rng.between(100000, 999999))));
        push(e.done());
        return land;
    }

    void meeting(const City& city, const Date& day, minutes start, minutes length) {
        const std::string company = m_rng.pick(m_companies);
        // "Company, 12 Market Street, City, Country" when it resolves to the city, else the city.
        std::string location = company + ", " + std::to_string(m_rng.between(1, 300)) + " " +
                               m_rng.pick(Streets) + ", " + city.name + ", " + city.country_name;
        if (!lands_near(m_geocoder, location, "", city.point, 30.0)) {
            location = place_text(city);
        }
        Event e(uid("meeting"));
        e.add("DTSTART;TZID=" + city.timezone, local_stamp(day, start))
            .add("DTEND;TZID=" + city.timezone, local_stamp(day, start + length))
            .add("SUMMARY", esc("Client meeting: " + company))
            .add("LOCATION", esc(location))
            .add("ORGANIZER;CN=Bea Santos", "mailto:" + UserEmail);
        const auto it = m_by_city.find(city_index(city));
        if (it != m_by_city.end()) {
            for (int k = m_rng.between(1, 2); k > 0; --k) {
                const auto& p = m_people[m_rng.pick(it->second)];
                e.add("ATTENDEE;PARTSTAT=ACCEPTED;CN=" + p.name, "mailto:" + p.emails.front());
            }
        }
        e.add("STATUS", "CONFIRMED");
        push(e.done());
    }

    std::size_t city_index(const City& c) const {
        for (std::size_t i = 0; i < m_cities.size(); ++i) {
            if (m_cities[i].text == c.text) {
                return i;
            }
        }
        return m_cities.size();
    }

    Random& m_rng;
    geo::Geocoder& m_geocoder;
    const std::vector<Person>& m_people;
    const std::vector<City>& m_cities;
    const std::vector<std::string>& m_companies;
    std::map<std::size_t, std::vector<std::size_t>> m_by_city;
    std::string m_body;
    CalendarCounts m_counts;
};

// ---------------------------------------------------------------------------------------------
// Attendees

std::string typo(std::string s) {
    if (s.size() >= 5) {
        std::swap(s[2], s[3]);
    }
    return s;
}

std::string gmail_form(const std::string& email) {
    const auto at = email.find('@');
    if (email.substr(at + 1) != "gmail.com" || at < 3) {
        std::string shouted = email;
        std::transform(shouted.begin(), shouted.end(), shouted.begin(),
                       [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
        return shouted;
    }
    return email.substr(0, 2) + "." + email.substr(2, at - 2) + "+conf" + email.substr(at);
}

} // namespace

int main(int argc, char** argv) {
    std::string out_dir;
    std::uint64_t seed = 8;
    std::size_t contact_count = 100'000, city_count = 2'000, event_count = 20'000, series_count = 1'000,
                trip_count = 40, attendee_count = 50'000;
    for (int i = 1; i + 1 < argc; i += 2) {
        const std::string flag = argv[i];
        const char* value = argv[i + 1];
        const auto number = [&] { return static_cast<std::size_t>(std::strtoull(value, nullptr, 10)); };
        if (flag == "--out") {
            out_dir = value;
        } else if (flag == "--seed") {
            seed = number();
        } else if (flag == "--contacts") {
            contact_count = number();
        } else if (flag == "--cities") {
            city_count = number();
        } else if (flag == "--events") {
            event_count = number();
        } else if (flag == "--series") {
            series_count = number();
        } else if (flag == "--trips") {
            trip_count = number();
        } else if (flag == "--attendees") {
            attendee_count = number();
        } else {
            std::fprintf(stderr, "unknown option %s\n", flag.c_str());
            return 2;
        }
    }
    if (out_dir.empty() || city_count < 20 || contact_count < city_count || trip_count > 40 ||
        series_count > event_count) {
        std::fprintf(stderr,
                     "usage: bench_generate --out DIR [--seed N] [--contacts N >= cities] [--cities N >= 20] "
                     "[--events N] [--series N <= events] [--trips N <= 40] [--attendees N]\n");
        return 2;
    }
    const auto began = steady_clock::now();
    std::filesystem::create_directories(out_dir);
    const std::filesystem::path dir(out_dir);
    Random rng(seed);
    auto gazetteer = geo::Gazetteer::open(geo::Gazetteer::default_path());
    geo::OfflineGeocoder geocoder(gazetteer);

    // Cities: 15% of them Philippine, the rest the world's largest.
    const std::size_t ph = city_count * 3 / 20;
    const auto cities = choose_cities(*gazetteer, geocoder, ph, city_count - ph);
    if (cities.size() < city_count) {
        std::fprintf(stderr, "only %zu cities resolve back to themselves\n", cities.size());
        return 1;
    }

    std::vector<std::string> companies;
    for (const auto& stem : CompanyStems) {
        for (const auto& kind : CompanyKinds) {
            companies.push_back(stem + " " + kind);
        }
    }
    {
        Random shuffle(seed + 1);
        for (std::size_t i = companies.size(); i > 1; --i) {
            std::swap(companies[i - 1], companies[shuffle.below(i)]);
        }
        companies.resize(std::min<std::size_t>(companies.size(), 3000));
    }

    const auto tail = surname_tail(*gazetteer);
    const auto people = make_contacts(rng, contact_count, cities, companies, tail);
    write_contacts_csv(dir / "contacts.csv", people, cities);
    write_contacts_vcf(dir / "contacts.vcf", people, cities);

    // Airports: the home one (MNL) and, for flight destinations, a large airport whose IATA code
    // resolves within 40 km of a chosen city at least 300 km from home.
    Airport home_airport;
    std::vector<Destination> destinations;
    {
        double best = 1e9;
        for (std::uint32_t i = 0; i < gazetteer->airport_count(); ++i) {
            const auto a = gazetteer->airport(i);
            if (a.iata.size() != 3) {
                continue;
            }
            const double d = km(a.point, Home);
            if (a.large && d < best) {
                best = d;
                home_airport = {std::string(a.iata),
                                std::string(a.municipality) + " (" + std::string(a.iata) + ")", a.point};
            }
        }
        // Where a consultant from Batangas flies: the Philippines and Asia far more than elsewhere.
        // Each airport must resolve from its code, and its city be one of the chosen cities.
        const std::vector<std::array<const char*, 3>> flights = {{"CEB", "Cebu City", "PH"},
                                                                 {"DVO", "Davao", "PH"},
                                                                 {"ILO", "Iloilo", "PH"},
                                                                 {"BCD", "Bacolod City", "PH"},
                                                                 {"CGY", "Cagayan de Oro", "PH"},
                                                                 {"PPS", "Puerto Princesa", "PH"},
                                                                 {"TAG", "Tagbilaran City", "PH"},
                                                                 {"ZAM", "Zamboanga", "PH"},
                                                                 {"GES", "General Santos", "PH"},
                                                                 {"TAC", "Tacloban", "PH"},
                                                                 {"SIN", "Singapore", "SG"},
                                                                 {"HKG", "Hong Kong", "HK"},
                                                                 {"BKK", "Bangkok", "TH"},
                                                                 {"KUL", "Kuala Lumpur", "MY"},
                                                                 {"CGK", "Jakarta", "ID"},
                                                                 {"HND", "Tokyo", "JP"},
                                                                 {"ICN", "Seoul", "KR"},
                                                                 {"TPE", "Taipei", "TW"},
                                                                 {"SGN", "Ho Chi Minh City", "VN"},
                                                                 {"HAN", "Hanoi", "VN"},
                                                                 {"SYD", "Sydney", "AU"},
                                                                 {"MEL", "Melbourne", "AU"},
                                                                 {"DXB", "Dubai", "AE"},
                                                                 {"SFO", "San Francisco", "US"},
                                                                 {"LAX", "Los Angeles", "US"},
                                                                 {"JFK", "New York City", "US"},
                                                                 {"LHR", "London", "GB"},
                                                                 {"FRA", "Frankfurt am Main", "DE"},
                                                                 {"DPS", "Denpasar", "ID"},
                                                                 {"PNH", "Phnom Penh", "KH"},
                                                                 {"KIX", "Osaka", "JP"}};
        for (const auto& [code, name, country] : flights) {
            const City* city = nullptr;
            for (const auto& c : cities) {
                if (c.country == country && text::fold(c.name) == text::fold(name)) {
                    city = &c;
                }
            }
            if (city == nullptr || city->home_km < 300.0) {
                continue;
            }
            for (const auto& hit : gazetteer->lookup(text::fold(code))) {
                if (hit.type != geo::EntryType::Airport) {
                    continue;
                }
                const auto a = gazetteer->airport(hit.target);
                if (a.iata == code && km(a.point, city->point) < 80.0 &&
                    lands_near(geocoder, code, "", a.point, 5.0)) {
                    destinations.push_back(
                        {*city, {code, std::string(a.municipality) + " (" + code + ")", a.point}});
                    break;
                }
            }
        }
    }
    if (destinations.size() < 10) {
        std::fprintf(stderr, "too few flight destinations (%zu)\n", destinations.size());
        return 1;
    }
    // Drives: big Metro Manila cities more than 65 km away (the planner calls 60 km away).
    std::vector<City> drives;
    for (const auto& c : cities) {
        if (c.country == "PH" && c.home_km > 65.0 && c.home_km < 120.0 && c.population > 300000) {
            drives.push_back(c);
        }
    }

    // Home-area places: every one must resolve within 60 km of home, so no event at home looks
    // like a trip.
    std::vector<std::string> home_places;
    for (const char* p : {"Lipa, Batangas", "San Sebastian Cathedral, Lipa, Batangas",
                          "SM City Lipa, Lipa, Batangas", "Lipa City Learning Commons, Lipa, Batangas",
                          "Tanauan, Batangas", "Batangas City", "Santo Tomas, Batangas", "Tagaytay, Cavite",
                          "San Pablo, Laguna", "Rosario, Batangas", "Malvar, Batangas", "Calamba, Laguna"}) {
        // As the planner reads a location: without a country first.
        if (lands_near(geocoder, p, "", Home, 55.0) && lands_near(geocoder, p, "PH", Home, 55.0)) {
            home_places.push_back(p);
        }
    }
    if (home_places.empty()) {
        std::fprintf(stderr, "no home-area place resolves near Lipa\n");
        return 1;
    }

    // A step through the destinations that visits all of them before repeating one.
    std::size_t step = 7;
    while (std::gcd(step, destinations.size()) != 1) {
        ++step;
    }
    CalendarWriter calendar(rng, geocoder, people, cities, companies);
    std::vector<TripLog> trips;
    std::set<Date> trip_days;
    for (std::size_t t = 0; t < trip_count; ++t) {
        const Date depart{sys_days{year{2027} / 1 / 6} + days{static_cast<int>(t) * 18 + rng.between(0, 3)}};
        if (!drives.empty() && t % 8 == 3) {
            calendar.road_trip(drives[t / 8 % drives.size()], depart, rng.between(0, 1), trips);
        } else {
            std::vector<Destination> stops = {destinations[(t * step) % destinations.size()]};
            std::vector<int> nights = {rng.between(2, 4)};
            if (t % 6 == 1) { // a second city on the way
                stops.push_back(destinations[(t * step + 11) % destinations.size()]);
                nights.push_back(2);
            }
            calendar.trip(stops, home_airport, depart, nights, t % 5 == 2, trips);
        }
        for (Date d{sys_days{trips.back().first} - days{1}};
             sys_days{d} <= sys_days{trips.back().last} + days{1}; d = Date{sys_days{d} + days{1}}) {
            trip_days.insert(d);
        }
    }
    const std::size_t trip_events = calendar.counts().events;
    for (std::size_t s = 0; s < series_count; ++s) {
        calendar.series(home_places);
    }
    while (calendar.counts().events < event_count) {
        calendar.single(home_places, trip_days);
    }
    {
        std::ofstream out(dir / "calendar.ics", std::ios::binary);
        out << "BEGIN:VCALENDAR\r\nPRODID:-//Google Inc//Google Calendar 70.9054//EN\r\nVERSION:2.0\r\n"
               "CALSCALE:GREGORIAN\r\nMETHOD:PUBLISH\r\nX-WR-CALNAME:"
            << UserEmail
            << "\r\nX-WR-TIMEZONE:Asia/Manila\r\nBEGIN:VTIMEZONE\r\nTZID:Asia/Manila\r\nX-LIC-LOCATION:Asia/"
               "Manila\r\n"
               "BEGIN:STANDARD\r\nTZOFFSETFROM:+0800\r\nTZOFFSETTO:+0800\r\nTZNAME:PST\r\nDTSTART:"
               "19700101T000000\r\n"
               "END:STANDARD\r\nEND:VTIMEZONE\r\n"
            << calendar.body() << "END:VCALENDAR\r\n";
    }
    {
        std::ofstream out(dir / "trips.tsv", std::ios::binary);
        out << "first_day\tlast_day\tcities\n";
        for (const auto& t : trips) {
            out << format_date(t.first) << '\t' << format_date(t.last) << '\t' << join(t.cities, ", ")
                << '\n';
        }
    }

    // The attendee list: 6% contacts written differently, the rest strangers from the same
    // name pools (so many strangers share a name with some contact, as in real life).
    {
        std::ofstream out(dir / "attendees.csv", std::ios::binary);
        std::ofstream truth(dir / "attendees-truth.csv", std::ios::binary);
        out << "Order #,Order Date,First Name,Last Name,Email,Company,Job Title,Ticket "
               "Type,Interests,LinkedIn,City,"
               "Country\n";
        truth << "row,contact_id,variant\n";
        const std::size_t known = attendee_count * 6 / 100;
        std::vector<std::size_t> rows(attendee_count);
        for (std::size_t i = 0; i < rows.size(); ++i) {
            rows[i] = i;
        }
        for (std::size_t i = rows.size(); i > 1; --i) {
            std::swap(rows[i - 1], rows[rng.below(i)]);
        }
        std::vector<std::size_t> contact_of(attendee_count, people.size());
        for (std::size_t k = 0; k < known && k < people.size(); ++k) {
            contact_of[rows[k]] = (k * 7919 + 13) % people.size();
        }
        static const char* variants[] = {
            "email-form", "nickname", "accents-dropped", "middle-initial", "typo", "other-email", "same"};
        for (std::size_t row = 0; row < attendee_count; ++row) {
            std::string first, last, email, company, city, country, title, interests, linkedin;
            if (contact_of[row] < people.size()) {
                const Person& p = people[contact_of[row]];
                first = p.first;
                last = p.last;
                email = p.emails.empty() ? "" : p.emails.front();
                company = p.organization;
                title = p.title;
                interests = join(p.interests, ";");
                if (!p.no_place) {
                    city = cities[p.city].name;
                    country = cities[p.city].country_name;
                }
                const std::size_t v = rng.below(7);
                switch (v) {
                case 0: email = email.empty() ? email : gmail_form(email); break;
                case 1:
                    for (const auto& [formal, nick] : Nicknames) {
                        if (first == formal) {
                            first = nick;
                            email.clear();
                        }
                    }
                    break;
                case 2:
                    first = ascii(first);
                    last = ascii(last);
                    email.clear();
                    break;
                case 3:
                    first += " " + std::string(1, static_cast<char>('A' + rng.below(26))) + ".";
                    email.clear();
                    break;
                case 4:
                    last = typo(ascii(last));
                    email.clear();
                    break;
                case 5:
                    email = lower_ascii(first) + "." + lower_ascii(last) + std::to_string(rng.below(1000)) +
                            "@yahoo.example.com";
                    company = company.substr(0, company.find_first_of(",."));
                    break;
                default: break;
                }
                truth << row << ',' << p.id << ',' << variants[v] << '\n';
            } else {
                first = rng.chance(0.1) ? rng.pick(Nicknames).second : rng.pick(FirstNames);
                last = surname(rng, tail);
                email = lower_ascii(first) + "." + lower_ascii(last) + ".a" + std::to_string(row) +
                        "@attendee.example.com";
                company =
                    rng.chance(0.3) ? rng.pick(companies) : surname(rng, tail) + " " + rng.pick(CompanyKinds);
                title = rng.pick(Titles);
                const City& c = cities[rng.below(cities.size())];
                city = c.name;
                country = c.country_name;
                if (rng.chance(0.3)) {
                    interests = rng.pick(Interests) + ";" + rng.pick(Interests);
                }
                if (rng.chance(0.15)) {
                    linkedin = "https://www.linkedin.com/in/" + lower_ascii(first) + lower_ascii(last) +
                               std::to_string(row);
                }
            }
            char order[64];
            std::snprintf(order, sizeof order, "%llu,2027-%02d-%02d %02d:%02d:%02d",
                          static_cast<unsigned long long>(8100000000ULL + rng.below(100000000)),
                          rng.between(1, 6), rng.between(1, 28), rng.between(0, 23), rng.between(0, 59),
                          rng.between(0, 59));
            out << order << ',' << csv(first) << ',' << csv(last) << ',' << csv(email) << ',' << csv(company)
                << ',' << csv(title) << ','
                << (rng.chance(0.2) ? "Student - 2-Day Pass" : "Regular - 2-Day Pass") << ','
                << csv(interests) << ',' << linkedin << ',' << csv(city) << ',' << csv(country) << '\n';
        }
    }

    const double seconds = duration<double>(steady_clock::now() - began).count();
    std::printf("bench_generate: seed %llu, into %s (%.1f s)\n", static_cast<unsigned long long>(seed),
                out_dir.c_str(), seconds);
    std::printf("  contacts.csv, contacts.vcf  %zu contacts in %zu cities\n", people.size(), cities.size());
    std::printf(
        "  calendar.ics                %zu events, %zu recurring series, %zu trip events, %zu trips\n",
        calendar.counts().events, calendar.counts().series, trip_events, trips.size());
    std::printf("  attendees.csv               %zu attendees, %zu of them contacts (attendees-truth.csv)\n",
                attendee_count, attendee_count * 6 / 100);
    std::printf("  trips.tsv                   the trips as generated; home Lipa, Batangas (Asia/Manila)\n");
    return 0;
}
