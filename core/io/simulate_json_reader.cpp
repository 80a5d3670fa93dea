// SPDX-License-Identifier: GPL-3.0-or-later
// simulateInputFromJson: the inverse of simulateInputToJson (panel inputs, reports).
#include "io/simulate_json.h"

#include "dynamics/frf_quantity.h"
#include "io/profile_json.h"
#include "signal/window.h"
#include "uq/distribution.h"

#include <limits>

namespace dtop::io {

using nlohmann::json;

namespace {

// Reads optional keys of one object; every problem is an issue naming the key path.
class Reader {
public:
    Reader(const json& object, std::string path, InputIssues& issues)
        : m_object(object), m_path(std::move(path)), m_issues(issues)
    {
        if (!m_object.is_object()) {
            fail("", "must be an object");
            m_ok = false;
        }
    }

    bool has(const char* key) const { return m_ok && m_object.contains(key); }

    Reader child(const char* key) const
    {
        static const json kEmpty = json::object();
        return Reader(has(key) ? m_object.at(key) : kEmpty, path(key), m_issues);
    }

    // null stands for a non-finite number (JSON has none).
    void number(const char* key, double& value) const
    {
        if (!has(key))
            return;
        const json& v = m_object.at(key);
        if (v.is_null())
            value = std::numeric_limits<double>::quiet_NaN();
        else if (v.is_number())
            value = v.get<double>();
        else
            fail(key, "must be a number");
    }

    // A whole number >= 0 (a count or a seed).
    template <typename T>
    void whole(const char* key, T& value, const char* rule = "must be a whole number >= 0") const
    {
        if (!has(key))
            return;
        const json& v = m_object.at(key);
        if (v.is_number_unsigned())
            value = v.get<T>();
        else if (v.is_number_integer() && v.get<long long>() >= 0)
            value = static_cast<T>(v.get<long long>());
        else
            fail(key, rule);
    }

    void integer(const char* key, int& value) const
    {
        if (!has(key))
            return;
        const json& v = m_object.at(key);
        if (v.is_number_integer() && v.get<long long>() >= std::numeric_limits<int>::min() &&
            v.get<long long>() <= std::numeric_limits<int>::max())
            value = v.get<int>();
        else
            fail(key, "must be a whole number");
    }

    void boolean(const char* key, bool& value) const
    {
        if (!has(key))
            return;
        if (m_object.at(key).is_boolean())
            value = m_object.at(key).get<bool>();
        else
            fail(key, "must be true or false");
    }

    void numbers(const char* key, std::vector<double>& values) const
    {
        if (!has(key))
            return;
        const json& v = m_object.at(key);
        if (!v.is_array()) {
            fail(key, "must be an array of numbers");
            return;
        }
        std::vector<double> out;
        for (const auto& item : v) {
            if (item.is_null())
                out.push_back(std::numeric_limits<double>::quiet_NaN());
            else if (item.is_number())
                out.push_back(item.get<double>());
            else {
                fail(key, "must be an array of numbers");
                return;
            }
        }
        values = std::move(out);
    }

    // A name parsed by `parse` ("hann" → WindowKind::Hann); `choices` lists them for the message.
    template <typename T, typename Parse>
    void name(const char* key, T& value, Parse parse, const char* choices) const
    {
        if (!has(key))
            return;
        const json& v = m_object.at(key);
        T parsed = value;
        if (!v.is_string() || !parse(v.get<std::string>(), parsed)) {
            fail(key, std::string("must be one of ") + choices + ", got " + v.dump());
            return;
        }
        value = parsed;
    }

    const json& raw(const char* key) const { return m_object.at(key); }
    std::string path(const char* key) const { return m_path.empty() ? key : m_path + "." + key; }
    void fail(const char* key, const std::string& what) const
    {
        const std::string field = *key ? path(key) : m_path;
        m_issues.push_back({field, "input key '" + field + "' " + what});
    }

private:
    const json& m_object;
    std::string m_path;
    InputIssues& m_issues;
    bool m_ok = true;
};

void readExcitation(const Reader& r, dynamics::Excitation& e)
{
    using dynamics::ExcitationKind;
    r.name("kind", e.kind, dynamics::parseExcitationKind,
           "hammer, halfsine, random, sine, sweep, base, record");
    r.integer("input_floor", e.floor);
    switch (e.kind) {
    case ExcitationKind::Hammer:
        r.number("peak_n", e.hammer.peakN);
        r.number("centre_s", e.hammer.centreS);
        r.number("width_s", e.hammer.widthS);
        break;
    case ExcitationKind::HalfSine:
        r.number("peak_n", e.halfSine.peakN);
        r.number("start_s", e.halfSine.startS);
        r.number("duration_s", e.halfSine.durationS);
        break;
    case ExcitationKind::Random:
        r.number("rms_n", e.random.rmsN);
        r.number("f1_hz", e.random.bandLowHz);
        r.number("f2_hz", e.random.bandHighHz);
        r.boolean("new_realisation_per_scenario", e.random.newRealisationPerScenario);
        break;
    case ExcitationKind::Sine:
        r.number("amplitude_n", e.sine.amplitudeN);
        r.number("frequency_hz", e.sine.frequencyHz);
        r.number("phase_rad", e.sine.phaseRad);
        break;
    case ExcitationKind::Sweep:
        r.number("amplitude_n", e.sweep.amplitudeN);
        r.number("f0_hz", e.sweep.startHz);
        r.number("f1_hz", e.sweep.endHz);
        r.number("start_s", e.sweep.startS);
        r.number("duration_s", e.sweep.durationS);
        r.name("law", e.sweep.law, dynamics::parseSweepLaw, "linear, log");
        break;
    case ExcitationKind::BaseMotion:
        r.child("record").name("hold", e.baseAcceleration.hold, dynamics::parseSampleHold,
                               "auto, linear, zoh");
        break;
    case ExcitationKind::RecordedForce:
        r.child("record").name("hold", e.recordedForce.hold, dynamics::parseSampleHold,
                               "auto, linear, zoh");
        break;
    }
}

bool parseScatterKind(const std::string& text, uq::DistributionKind& kind)
{
    uq::DistributionKind k;
    if (!uq::parseDistributionKind(text, k))
        return false;
    kind = k;
    return true;
}

void readScatter(const Reader& r, uq::ParameterScatter& s)
{
    r.name("distribution", s.kind, parseScatterKind, "normal, truncated-normal, lognormal");
    if (r.has("cv") && r.has("sd"))
        r.fail("sd", "and 'cv' are alternatives; give one of them");
    if (r.has("cv")) {
        s.relative = true;
        r.number("cv", s.spread);
    } else if (r.has("sd")) {
        s.relative = false;
        r.number("sd", s.spread);
    }
    r.number("truncation_sds", s.truncationSds);
}

} // namespace

InputIssues simulateInputFromJson(const json& j, dynamics::SimulateInput& in)
{
    InputIssues issues;
    const Reader r(j, "", issues);
    if (r.has("profile")) {
        InputIssues profileIssues;
        if (auto p = profileFromJson(r.raw("profile"), profileIssues); p && profileIssues.empty())
            in.profile = std::move(*p);
        for (auto& issue : profileIssues)
            issues.push_back({"profile", "input key 'profile': " + issue.message});
    }
    if (r.has("excitation"))
        readExcitation(r.child("excitation"), in.excitation);
    r.number("duration_s", in.durationS);
    r.number("sample_rate_hz", in.sampleRateHz);
    if (r.has("initial")) {
        // Written only when set: absent keys mean "at rest".
        const Reader initial = r.child("initial");
        in.initial = {};
        initial.numbers("displacement_m", in.initial.displacementM);
        initial.numbers("velocity_m_s", in.initial.velocityMS);
    }
    r.name("integrator", in.integration.method, dynamics::parseIntegrationMethod,
           "auto, exact, adaptive");
    r.number("relative_tolerance", in.integration.relativeTolerance);
    r.number("absolute_tolerance", in.integration.absoluteTolerance);
    r.whole("scenarios", in.scenarios);
    r.name("sampling", in.sampling, uq::parseSamplingMethod,
           "monte-carlo, latin-hypercube, sobol");
    r.whole("seed", in.seed, "must be a whole number between 0 and 18446744073709551615");
    r.whole("keep_scenarios", in.keptScenarios);
    if (r.has("scatter")) {
        const Reader s = r.child("scatter");
        readScatter(s.child("mass"), in.scatter.mass);
        readScatter(s.child("stiffness"), in.scatter.stiffness);
        readScatter(s.child("damping"), in.scatter.damping);
        s.number("x0_sd_m", in.scatter.initialDisplacementSdM);
        s.number("v0_sd_m_s", in.scatter.initialVelocitySdMS);
    }
    r.boolean("spectra", in.spectra);
    if (r.has("psd")) {
        const Reader w = r.child("psd");
        w.name("window", in.welch.window, signal::parseWindowKind, "hann, hamming, rectangular");
        w.whole("segment_length", in.welch.segmentLength);
        w.number("overlap", in.welch.overlap);
        w.boolean("remove_mean", in.welch.removeMean);
    }
    r.name("frf_quantity", in.frfQuantity, dynamics::parseFrfQuantity,
           "receptance, mobility, accelerance");
    return issues;
}

} // namespace dtop::io
