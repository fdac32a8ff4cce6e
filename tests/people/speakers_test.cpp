#include "sidetrip/people/speakers.hpp"

#include <catch2/catch.hpp>

#include <string>
#include <utility>
#include <vector>

using namespace sidetrip::people;

namespace {

/// The names found, in order, each with its rule.
std::vector<std::pair<std::string, SpeakerRule>> found(std::string_view summary,
                                                       std::string_view description = "") {
    std::vector<std::pair<std::string, SpeakerRule>> out;
    for (const auto& s : speakers_in_session(summary, description)) {
        out.emplace_back(s.name, s.rule);
    }
    return out;
}

using Found = std::vector<std::pair<std::string, SpeakerRule>>;

} // namespace

TEST_CASE("a keynote label before a colon names the speaker, not the role after the comma", "[people]") {
    CHECK(found("Keynote: Van Lindberg, PSF Chair") == Found{{"Van Lindberg", SpeakerRule::TitleLabel}});
    CHECK(found("Opening Keynote: Ana María Cruz") == Found{{"Ana María Cruz", SpeakerRule::TitleLabel}});
    CHECK(found("Panel: Ana Cruz, Ben Ong & Carla Diaz") == Found{{"Ana Cruz", SpeakerRule::TitleLabel},
                                                                  {"Ben Ong", SpeakerRule::TitleLabel},
                                                                  {"Carla Diaz", SpeakerRule::TitleLabel}});
    CHECK(found("Keynote: The Future of Python").empty());
    CHECK(found("Keynote: Building Great Teams").empty());
    CHECK(found("Rust: Fearless Concurrency").empty()); // not a label that announces a person
}

TEST_CASE("a title ending in (talk by Name) names the speaker", "[people]") {
    CHECK(found("Python's Infamous GIL (talk by Larry Hastings)") ==
          Found{{"Larry Hastings", SpeakerRule::TitleTalkBy}});
    CHECK(found("Static typing in practice (by Łukasz Langa and Jukka Lehtosalo)") ==
          Found{{"Łukasz Langa", SpeakerRule::TitleTalkBy}, {"Jukka Lehtosalo", SpeakerRule::TitleTalkBy}});
    CHECK(found("Maps for everyone (with Rosa Aquino)") == Found{{"Rosa Aquino", SpeakerRule::TitleTalkBy}});
    CHECK(found("Ruby idioms (Ruby by Example)").empty());
    CHECK(found("Testing (part two)").empty());
}

TEST_CASE("a title ending in a dash and names names the speakers, as pretalx writes it", "[people]") {
    CHECK(found("Optional bifurcated attitude - Martin Baker") ==
          Found{{"Martin Baker", SpeakerRule::TitleDash}});
    CHECK(found("Rust - The Good Parts - Jean-Luc O'Brien, Ana dos Santos") ==
          Found{{"Jean-Luc O'Brien", SpeakerRule::TitleDash}, {"Ana dos Santos", SpeakerRule::TitleDash}});
    CHECK(found("Maps \xE2\x80\x93 Rosa Aquino") == Found{{"Rosa Aquino", SpeakerRule::TitleDash}});
    CHECK(found("Rust - The Good Parts").empty());
    CHECK(found("Lunch - Main Hall").empty());
    CHECK(found("Registration - Ground Floor").empty());
    CHECK(found("Sprints - Day 2").empty());
    CHECK(found("Opening - Martin").empty()); // a first name alone is no name to match on
}

TEST_CASE("a title ending in a bar and names names the speakers", "[people]") {
    CHECK(found("Data pipelines at scale | Priya Patel & Omar Haddad") ==
          Found{{"Priya Patel", SpeakerRule::TitlePipe}, {"Omar Haddad", SpeakerRule::TitlePipe}});
    CHECK(found("Day 1 | Main Stage").empty());
    CHECK(found("| Priya Patel").empty()); // a bar with no title before it
}

TEST_CASE("description lines naming speakers are read, however the export labels them", "[people]") {
    CHECK(found("Branding", "Speaker: Andrea Villanueva") ==
          Found{{"Andrea Villanueva", SpeakerRule::DescriptionLabel}});
    CHECK(found("Branding", "A talk about logos.\nSpeakers: Ana Cruz (Acme), Ben Ong\n") ==
          Found{{"Ana Cruz", SpeakerRule::DescriptionLabel}, {"Ben Ong", SpeakerRule::DescriptionLabel}});
    CHECK(found("Branding", "Presenters: Ana Cruz") == Found{{"Ana Cruz", SpeakerRule::DescriptionLabel}});
    CHECK(found("Branding", "Moderator: Ana Cruz\nPanelists: Ben Ong, Carla Diaz") ==
          Found{{"Ana Cruz", SpeakerRule::DescriptionLabel},
                {"Ben Ong", SpeakerRule::DescriptionLabel},
                {"Carla Diaz", SpeakerRule::DescriptionLabel}});
    CHECK(found("Branding", "Speaker: TBA").empty());
}

TEST_CASE("a description line opening with by names the speakers only when all of it is names", "[people]") {
    CHECK(found("Branding", "Presented by Ana Cruz and Ben Ong.") ==
          Found{{"Ana Cruz", SpeakerRule::DescriptionBy}, {"Ben Ong", SpeakerRule::DescriptionBy}});
    CHECK(found("Branding", "By Rosa Aquino") == Found{{"Rosa Aquino", SpeakerRule::DescriptionBy}});
    CHECK(found("Branding", "By the end of this talk, Ana Cruz will have shown you three maps.").empty());
    CHECK(found("Branding", "With Great Power comes Great Responsibility").empty());
}

TEST_CASE("a speaker named twice in one session is listed once, under the first rule", "[people]") {
    CHECK(found("Design for the next billion - Maria Santos", "Speaker: Maria Santos") ==
          Found{{"Maria Santos", SpeakerRule::DescriptionLabel}});
}

TEST_CASE("a speaker's name looks like a person's name", "[people]") {
    CHECK(looks_like_person_name("Van Lindberg"));
    CHECK(looks_like_person_name("José María Peña"));
    CHECK(looks_like_person_name("Ludwig van Beethoven"));
    CHECK(looks_like_person_name("Mary J. Blige"));
    CHECK_FALSE(looks_like_person_name("J. R. Tolkien")); // one name and initials: too little to match on
    CHECK(looks_like_person_name("Sinéad O’Connor"));
    CHECK_FALSE(looks_like_person_name("Martin"));
    CHECK_FALSE(looks_like_person_name("Ana C."));
    CHECK_FALSE(looks_like_person_name("Workshop Introduction"));
    CHECK_FALSE(looks_like_person_name("PSF Chair"));
    CHECK_FALSE(looks_like_person_name("Python's Infamous GIL"));
    CHECK_FALSE(looks_like_person_name("martin baker"));
    CHECK_FALSE(looks_like_person_name("Ana Maria de la Cruz Santos"));
    CHECK_FALSE(looks_like_person_name("Python 3 Typing"));
    CHECK_FALSE(looks_like_person_name("van Beethoven Ludwig van"));
    CHECK_FALSE(looks_like_person_name("Acme Corporation"));
}

TEST_CASE("every speaker rule says what it is", "[people]") {
    for (const auto rule :
         {SpeakerRule::DescriptionLabel, SpeakerRule::DescriptionBy, SpeakerRule::TitleLabel,
          SpeakerRule::TitleTalkBy, SpeakerRule::TitleDash, SpeakerRule::TitlePipe}) {
        CHECK_FALSE(to_string(rule).empty());
    }
}
