// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "common/input_issue.h"

#include <cstddef>
#include <string>
#include <vector>

namespace dtop::dynamics {

// What drives the structure in a virtual test.
enum class ExcitationKind {
    Hammer,        // Gaussian force pulse (impact hammer)
    HalfSine,      // half-sine force pulse
    Random,        // stationary band-limited Gaussian random force (shaker)
    Sine,          // sinusoidal force
    Sweep,         // swept sine force
    BaseMotion,    // ground acceleration record
    RecordedForce, // measured force record (e.g. a dataset's force channel)
};

const char* excitationKindName(ExcitationKind kind); // "hammer", "halfsine", "random", "sine",
                                                     // "sweep", "base", "record"
bool parseExcitationKind(const std::string& text, ExcitationKind& kind);

// F(t) = peak·exp(−(t − centre)²/(2·width²)). Defaults = the prototype's hammer (300 N at
// 0.5 s, σ = 10 ms; impulse peak·σ·√(2π) = 7.52 N·s).
struct GaussianPulse {
    double peakN = 300.0;
    double centreS = 0.5;
    double widthS = 0.01; // standard deviation σ [s] (FWHM = 2.355 σ)
};

// F(t) = peak·sin(π(t − start)/duration) for start ≤ t ≤ start + duration, else 0.
struct HalfSinePulse {
    double peakN = 300.0;
    double startS = 0.5;
    double durationS = 0.005;
};

// Stationary Gaussian force with a flat one-sided PSD on [bandLowHz, bandHighHz] and zero
// outside, built by the spectral-representation method with independent complex Gaussian
// coefficients (random phases; the prototype's ±1 real spectrum gave a time-symmetric signal),
// then scaled so the realisation's RMS over the record is exactly rmsN. It is sampled at the
// output rate and is piecewise linear between samples; that hold shapes the force actually
// applied by sinc²(f/fs) (0.8 % at 100 Hz for fs = 2048 Hz), which an H1 estimate from the
// samples therefore shows too.
struct RandomForce {
    double rmsN = 10.0;
    double bandLowHz = 1.0;
    double bandHighHz = 100.0;
    bool newRealisationPerScenario = false; // false: every scenario sees the nominal's force
};

// F(t) = amplitude·sin(2π·f·t + phase) from t = 0 (the start transient is simulated too).
struct SineForce {
    double amplitudeN = 10.0;
    double frequencyHz = 12.0;
    double phaseRad = 0.0;
};

enum class SweepLaw { Linear, Logarithmic };
const char* sweepLawName(SweepLaw law); // "linear", "log"
bool parseSweepLaw(const std::string& text, SweepLaw& law);

// F(t) = amplitude·sin(φ(t)) for start ≤ t ≤ start + duration, else 0, with the instantaneous
// frequency going from f0 to f1 linearly or exponentially ("logarithmic") in time.
struct SweptSine {
    double amplitudeN = 10.0;
    double startHz = 1.0;
    double endHz = 50.0;
    double startS = 0.0;
    double durationS = 5.0;
    SweepLaw law = SweepLaw::Linear;
};

// How a sampled record is continued between its samples.
enum class SampleHold {
    Linear,    // first-order hold: straight lines between samples
    ZeroOrder, // each sample held until the next one
    Auto,      // linear, unless that loses the record's impulse (resolveSampleHold; default)
};
const char* sampleHoldName(SampleHold hold); // "linear", "zoh", "auto"
bool parseSampleHold(const std::string& text, SampleHold& hold);

// The hold `hold` stands for on uniformly sampled `values`: Linear and ZeroOrder are kept;
// Auto is linear unless the linear hold's integral, Δt·(ΣF − (F₀ + F_last)/2), differs from the
// record's impulse Δt·ΣF by more than 1 % of Δt·Σ|F|, and then zero-order. That happens when the
// record starts or ends on a large sample: an impulse sampled at t = 0 (a single 10 N sample)
// keeps only half its impulse under a linear hold from rest, and all of it held (docs/tools/
// simulate.md, "Recorded force").
SampleHold resolveSampleHold(SampleHold hold, const std::vector<double>& values);
// The integral of `values` under the hold (Linear or ZeroOrder; Auto is resolved first), in
// units of the sample interval: Σ over the intervals between samples.
double heldIntegralPerStep(SampleHold hold, const std::vector<double>& values);

// A sampled signal: strictly increasing times [s] and values in the signal's unit. Outside the
// record the signal is 0.
struct SampledSignal {
    std::vector<double> timeS;
    std::vector<double> values;
    SampleHold hold = SampleHold::Auto;
};

// One excitation with every parameter of every kind (a form keeps the values of the kinds not
// selected). Forces act on `floor`; base motion acts through the ground under floor 1.
struct Excitation {
    ExcitationKind kind = ExcitationKind::Hammer;
    int floor = 1; // 1-based floor the force acts on (force excitations)
    GaussianPulse hammer;
    HalfSinePulse halfSine;
    RandomForce random;
    SineForce sine;
    SweptSine sweep;
    SampledSignal baseAcceleration; // ground acceleration [m/s²]
    SampledSignal recordedForce;    // force [N]

    bool isBaseMotion() const { return kind == ExcitationKind::BaseMotion; }
    // "N" for forces, "m/s²" for base motion.
    const char* unit() const;
    // Checks the parameters of the selected kind for a building of `storeys` floors sampled at
    // sampleRateHz; messages name the field, its unit and the bad value.
    InputIssues validate(std::size_t storeys, double sampleRateHz) const;
    // Frequencies a spectrum display should include (sine frequency, band or sweep edge).
    std::vector<double> frequenciesOfInterestHz() const;
};

} // namespace dtop::dynamics
