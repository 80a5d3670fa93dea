// SPDX-License-Identifier: GPL-3.0-or-later
// Text a user reads (preset provenance, the bundled datasets' titles, sources and notes, the
// missing-data notes) is written for the user (first-use issue #18, item 12): no references to
// files the user does not have (the project's development specs), no notes to developers.
#include "io/dataset_catalogue.h"
#include "model/presets.h"

#include <catch2/catch.hpp>

#include <string>

using namespace dtop;

namespace {

// Phrases that only make sense inside the development repository.
void checkForUser(const std::string& where, const std::string& text)
{
    INFO(where << ": " << text);
    for (const char* developerOnly :
         {"specs/", "DESIGN.md", "simulator_uq", "No prototype code", "TODO", "FIXME", "§"})
        CHECK(text.find(developerOnly) == std::string::npos);
}

} // namespace

TEST_CASE("Presets and bundled datasets describe themselves for the user", "[user-text]")
{
    for (const std::string& name : model::presetNames())
        checkForUser("preset " + name, model::preset(name)->provenance);

    auto catalogue = io::loadBundledCatalogue(DTOP_DATA_DIR);
    REQUIRE(catalogue);
    REQUIRE_FALSE(catalogue.value().datasets.empty());
    for (const io::DatasetInfo& d : catalogue.value().datasets) {
        checkForUser(d.id + " title", d.title);
        checkForUser(d.id + " source", d.source);
        checkForUser(d.id + " notes", d.notes);
        // A title, not the record id again.
        CHECK(d.title != d.id);
    }
    for (const io::UnavailableData& u : catalogue.value().unavailable)
        checkForUser(u.rig + " " + u.what, u.note);
}
