// SPDX-License-Identifier: GPL-3.0-or-later
#include "widgets/uncertainty/parameter_spread_editor.h"

#include "uq/chain_model.h"
#include "widgets/field_issue.h"
#include "widgets/number_field.h"

#include <QComboBox>
#include <QGridLayout>
#include <QLabel>

#include <algorithm>
#include <cmath>
#include <map>

namespace dtop::widgets {

namespace {
constexpr int kPercentForm = 0;
constexpr int kIntervalForm = 1;

// "4.824e4", "0.5": four significant digits, compact exponent.
QString shortNumber(double v)
{
    QString s = QString::number(v, 'g', 4);
    s.replace(QStringLiteral("e+0"), QStringLiteral("e"));
    s.replace(QStringLiteral("e+"), QStringLiteral("e"));
    s.replace(QStringLiteral("e-0"), QStringLiteral("e-"));
    return s;
}

QString kindName(uq::ParameterKind kind)
{
    switch (kind) {
    case uq::ParameterKind::Mass:
        return QObject::tr("mass of floor %1");
    case uq::ParameterKind::Stiffness:
        return QObject::tr("stiffness of storey %1");
    case uq::ParameterKind::Damping:
        return QObject::tr("damper of storey %1");
    }
    return {};
}
} // namespace

ParameterSpreadEditor::ParameterSpreadEditor(QWidget* parent) : QWidget(parent)
{
    m_grid = new QGridLayout(this);
    m_grid->setContentsMargins(0, 0, 0, 0);
    m_grid->setHorizontalSpacing(4);
    m_grid->setVerticalSpacing(2);
    const QStringList headers{tr("Par."), tr("Given as"), tr("Value"), QString(), tr("Shape"),
                              tr("Interval (SI)")};
    for (int c = 0; c < headers.size(); ++c) {
        auto* h = new QLabel(headers[c], this);
        h->setStyleSheet(QStringLiteral("font-weight: bold;")); // normal colour: grey reads as disabled
        m_grid->addWidget(h, 0, c);
    }
    m_grid->setColumnStretch(5, 1);
}

void ParameterSpreadEditor::setNominal(const std::vector<double>& nominal, std::size_t storeys)
{
    const bool same = storeys == m_storeys;
    std::vector<uq::ParameterSpread> keep;
    if (same) {
        InputIssues ignored;
        keep = spreads(ignored);
    }
    m_nominal = nominal;
    m_storeys = storeys;
    if (!same) {
        rebuild();
        keep.assign(3 * storeys, uq::ParameterSpread::relative(10.0));
    }
    for (std::size_t i = 0; i < m_rows.size(); ++i) {
        const auto kind = uq::parameterKind(i, m_storeys);
        m_rows[i].name->setToolTip(
            tr("%1 %2: nominal %3 %4 (active profile)")
                .arg(QString::fromStdString(uq::parameterName(i, m_storeys)),
                     kindName(kind).arg(uq::parameterStorey(i, m_storeys)),
                     shortNumber(m_nominal[i]), QString::fromUtf8(uq::parameterUnit(kind))));
    }
    setSpreads(keep);
}

void ParameterSpreadEditor::rebuild()
{
    for (Row& r : m_rows)
        for (QWidget* w : std::initializer_list<QWidget*>{r.name, r.form, r.first, r.second,
                                                         r.shape, r.live})
            delete w;
    m_rows.clear();
    for (std::size_t i = 0; i < 3 * m_storeys; ++i) {
        const auto kind = uq::parameterKind(i, m_storeys);
        const QString name = QString::fromStdString(uq::parameterName(i, m_storeys));
        const QString unit = QString::fromUtf8(uq::parameterUnit(kind));
        Row r;
        r.name = new QLabel(name, this);
        r.form = new QComboBox(this);
        r.form->addItem(tr("± %"));
        r.form->addItem(tr("[lo, hi]"));
        r.form->setToolTip(tr("Give the interval of %1 as ± percent of its nominal value, or as "
                              "explicit ends [lo, hi] in %2")
                               .arg(name, unit));
        NumberField::Options options;
        options.displayDigits = 6;
        r.first = new NumberField(options, this);
        r.second = new NumberField(options, this);
        for (NumberField* f : {r.first, r.second}) {
            f->setMinimumWidth(56);
            f->setMaximumWidth(80);
        }
        r.shape = new QComboBox(this);
        for (auto s : {uq::SpreadShape::Uniform, uq::SpreadShape::Normal, uq::SpreadShape::LogNormal})
            r.shape->addItem(QString::fromLatin1(uq::spreadShapeName(s)), static_cast<int>(s));
        r.shape->setToolTip(tr("Scatter of %1 inside its interval, for the sampled envelope only: "
                               "uniform, or normal / lognormal with sd = half-width / (sd per "
                               "half-width), truncated to the interval. The interval methods "
                               "use the interval alone.")
                                .arg(name));
        r.live = new QLabel(this);
        r.live->setTextInteractionFlags(Qt::TextSelectableByMouse);
        const int row = static_cast<int>(i) + 1;
        m_grid->addWidget(r.name, row, 0);
        m_grid->addWidget(r.form, row, 1);
        m_grid->addWidget(r.first, row, 2);
        m_grid->addWidget(r.second, row, 3);
        m_grid->addWidget(r.shape, row, 4);
        m_grid->addWidget(r.live, row, 5);
        m_rows.push_back(r);
        connect(r.form, &QComboBox::activated, this, [this, i] { onFormChanged(i); });
        for (NumberField* f : {r.first, r.second})
            connect(f, &NumberField::edited, this, &ParameterSpreadEditor::changed);
        connect(r.shape, &QComboBox::activated, this, &ParameterSpreadEditor::changed);
    }
}

void ParameterSpreadEditor::showSpread(Row& r, const uq::ParameterSpread& s)
{
    const bool percent = s.form == uq::ParameterSpread::Form::RelativePercent;
    r.form->setCurrentIndex(percent ? kPercentForm : kIntervalForm);
    r.second->setVisible(!percent);
    if (percent) {
        r.first->setValue(s.percent);
    } else {
        r.first->setValue(s.lower);
        r.second->setValue(s.upper);
    }
    r.second->setToolTip(tr("Upper end of the interval, SI units"));
    r.shape->setCurrentIndex(r.shape->findData(static_cast<int>(s.shape)));
}

void ParameterSpreadEditor::setSpreads(const std::vector<uq::ParameterSpread>& spreads)
{
    for (std::size_t i = 0; i < m_rows.size() && i < spreads.size(); ++i)
        showSpread(m_rows[i], spreads[i]);
}

void ParameterSpreadEditor::setAllPercent(double percent)
{
    for (Row& r : m_rows) {
        uq::ParameterSpread s = uq::ParameterSpread::relative(percent);
        s.shape = static_cast<uq::SpreadShape>(r.shape->currentData().toInt());
        showSpread(r, s);
    }
    emit changed();
}

void ParameterSpreadEditor::onFormChanged(std::size_t i)
{
    // Switching keeps the interval: ±p % becomes [x(1 - p), x(1 + p)] and back (the larger side).
    Row& r = m_rows[i];
    const double x = m_nominal[i];
    uq::ParameterSpread s;
    s.shape = static_cast<uq::SpreadShape>(r.shape->currentData().toInt());
    if (r.form->currentIndex() == kIntervalForm) {
        const double p = r.first->value().value_or(0.0) / 100.0;
        s = uq::ParameterSpread::interval(x - std::abs(x) * p, x + std::abs(x) * p, s.shape);
    } else {
        const double lo = r.first->value().value_or(x), hi = r.second->value().value_or(x);
        const double half = std::max(x - lo, hi - x);
        s = uq::ParameterSpread::relative(x != 0.0 ? 100.0 * half / std::abs(x) : 0.0, s.shape);
    }
    showSpread(r, s);
    emit changed();
}

std::vector<uq::ParameterSpread> ParameterSpreadEditor::spreads(InputIssues& issues) const
{
    std::vector<uq::ParameterSpread> out;
    for (std::size_t i = 0; i < m_rows.size(); ++i) {
        const Row& r = m_rows[i];
        const std::string name = uq::parameterName(i, m_storeys);
        uq::ParameterSpread s;
        s.shape = static_cast<uq::SpreadShape>(r.shape->currentData().toInt());
        if (r.form->currentIndex() == kPercentForm) {
            s.form = uq::ParameterSpread::Form::RelativePercent;
            if (const auto v = r.first->value())
                s.percent = *v;
            else
                issues.push_back({name, name + ": '" + r.first->text().toStdString() +
                                            "' is not a number (± percent)"});
        } else {
            s.form = uq::ParameterSpread::Form::Explicit;
            const auto lo = r.first->value(), hi = r.second->value();
            if (lo && hi) {
                s.lower = *lo;
                s.upper = *hi;
            } else {
                issues.push_back({name, name + ": the interval needs two numbers lo and hi, got '" +
                                            r.first->text().toStdString() + "', '" +
                                            r.second->text().toStdString() + "'"});
            }
        }
        out.push_back(s);
    }
    return out;
}

void ParameterSpreadEditor::showBox(double scaleAll, double sdsPerHalfWidth,
                                    const InputIssues& issues)
{
    m_scale = scaleAll;
    std::map<std::string, std::string> byName;
    for (const auto& issue : issues)
        byName.emplace(issue.field, issue.message);
    InputIssues ignored;
    const auto spreadList = spreads(ignored);
    InputIssues boxIssues;
    const uq::ParameterBox box = uq::ParameterBox::build(m_nominal, m_storeys, spreadList,
                                                         std::isfinite(scaleAll) ? scaleAll : 1.0,
                                                         sdsPerHalfWidth > 0 ? sdsPerHalfWidth : 3.0,
                                                         boxIssues);
    for (std::size_t i = 0; i < m_rows.size(); ++i) {
        Row& r = m_rows[i];
        const std::string name = uq::parameterName(i, m_storeys);
        const auto it = byName.find(name);
        const QString unit = QString::fromUtf8(uq::parameterUnit(uq::parameterKind(i, m_storeys)));
        if (it != byName.end()) {
            r.live->setText(tr("invalid"));
            r.live->setStyleSheet(QStringLiteral("color: #b00020;"));
            r.live->setToolTip(QString::fromStdString(it->second));
        } else if (i < box.size()) {
            r.live->setText(QStringLiteral("[%1, %2] %3")
                                .arg(shortNumber(box.lower[i]), shortNumber(box.upper[i]), unit));
            r.live->setStyleSheet(QString());
            r.live->setToolTip(tr("Effective interval of %1 after the scale-all factor, %2: "
                                  "[%3, %4] %5 around the nominal %6 %5")
                                   .arg(QString::fromStdString(name))
                                   .arg(scaleAll)
                                   .arg(box.lower[i], 0, 'g', 10)
                                   .arg(box.upper[i], 0, 'g', 10)
                                   .arg(unit)
                                   .arg(m_nominal[i], 0, 'g', 10));
        }
        r.first->setToolTip(r.form->currentIndex() == kPercentForm
                                ? tr("± percent of the nominal value (0 = exactly known)")
                                : tr("Lower end of the interval, SI units"));
        const QString issue = it != byName.end() ? QString::fromStdString(it->second) : QString();
        markFieldIssue(r.first, issue);
        markFieldIssue(r.second, issue);
    }
}

int ParameterSpreadEditor::rowOf(const QString& name) const
{
    for (std::size_t i = 0; i < m_rows.size(); ++i)
        if (QString::fromStdString(uq::parameterName(i, m_storeys)) == name)
            return static_cast<int>(i);
    return -1;
}

bool ParameterSpreadEditor::setFieldText(const QString& name, const QString& text)
{
    const int i = rowOf(name);
    if (i < 0)
        return false;
    Row& r = m_rows[static_cast<std::size_t>(i)];
    const QStringList parts = text.split(QLatin1Char(','));
    if (r.form->currentIndex() == kIntervalForm && parts.size() == 2) {
        r.first->setText(parts[0]);
        r.second->setTextAsTyped(parts[1]);
        r.first->setTextAsTyped(parts[0]);
    } else {
        r.first->setTextAsTyped(text);
    }
    return true;
}

QString ParameterSpreadEditor::liveText(const QString& name) const
{
    const int i = rowOf(name);
    return i < 0 ? QString() : m_rows[static_cast<std::size_t>(i)].live->text();
}

} // namespace dtop::widgets
