// SPDX-License-Identifier: GPL-3.0-or-later
#include "widgets/profile_editor.h"

#include "io/number_format.h"
#include "widgets/field_issue.h"
#include "widgets/number_field.h"

#include <QComboBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QSpinBox>
#include <QTableWidget>
#include <QUndoStack>
#include <QVBoxLayout>

#include <cmath>
#include <utility>

namespace dtop::widgets {

namespace {

enum Column { kMass, kStiffness, kDamper, kCubic, kColumns };
const char* const kColumnFields[kColumns] = {"m", "k", "c", "kc"};

QString numberText(double v)
{
    return QString::number(v, 'g', 10);
}

} // namespace

// One edit: the editor's state before and after. The edit has happened when it is pushed, so
// the first redo() does nothing.
class ProfileEditor::StateChange : public QUndoCommand {
public:
    StateChange(ProfileEditor* editor, State before, State after)
        : m_editor(editor), m_before(std::move(before)), m_after(std::move(after))
    {
        setText(QObject::tr("profile edit"));
    }
    void undo() override { m_editor->restoreState(m_before); }
    void redo() override
    {
        if (m_applied)
            m_editor->restoreState(m_after);
        m_applied = true;
    }

private:
    ProfileEditor* m_editor;
    State m_before;
    State m_after;
    bool m_applied = false;
};

ProfileEditor::ProfileEditor(QWidget* parent) : QWidget(parent)
{
    m_storeys = new QSpinBox(this);
    m_storeys->setObjectName(QStringLiteral("storeys"));
    m_storeys->setRange(static_cast<int>(model::kMinStoreys), static_cast<int>(model::kMaxStoreys));
    m_storeys->setSuffix(tr(" storeys"));
    m_storeys->setToolTip(tr("Number of storeys n (1–20); floor 1 is the lowest. Applied on "
                             "Enter, on leaving the box or with the arrows, so typing \"10\" "
                             "never passes through 1 storey"));
    m_storeys->setKeyboardTracking(false);
    m_undo = new QUndoStack(this);

    m_table = new QTableWidget(this);
    m_table->setColumnCount(kColumns);
    m_table->setHorizontalHeaderLabels(
        {tr("m [kg]"), tr("k [N/m]"), tr("c [N·s/m]"), tr("kc [N/m³]")});
    m_table->horizontalHeaderItem(kMass)->setToolTip(tr("Floor mass m_i"));
    m_table->horizontalHeaderItem(kStiffness)->setToolTip(
        tr("Storey stiffness k_i between floor i−1 and floor i (floor 0 = ground)"));
    m_table->horizontalHeaderItem(kDamper)->setToolTip(tr("Storey dashpot c_i"));
    m_table->horizontalHeaderItem(kCubic)->setToolTip(
        tr("Cubic storey spring kc_i: force k_i·d + kc_i·d³ for drift d (0 = linear)"));
    // k needs the room ("43295.9086"); the others fit their contents.
    m_table->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_table->horizontalHeader()->setSectionResizeMode(kStiffness, QHeaderView::Stretch);
    m_table->verticalHeader()->setDefaultSectionSize(24);
    m_table->setSizeAdjustPolicy(QAbstractScrollArea::AdjustToContents);

    m_dampingModel = new QComboBox(this);
    m_dampingModel->addItem(tr("Storey dampers c_i"),
                            static_cast<int>(model::DampingModel::StoreyDampers));
    m_dampingModel->addItem(tr("Rayleigh α·M + β·K"),
                            static_cast<int>(model::DampingModel::RayleighCoefficients));
    m_dampingModel->addItem(tr("Rayleigh, ratio ζ on two modes"),
                            static_cast<int>(model::DampingModel::RayleighModalRatio));

    auto numberField = [this](const QString& tip) {
        NumberField::Options options;
        options.displayDigits = 10;
        auto* f = new NumberField(options, this);
        f->setToolTip(tip);
        connect(f, &NumberField::edited, this, &ProfileEditor::onChanged);
        return f;
    };
    m_alpha = numberField(tr("Mass-proportional coefficient α [1/s]"));
    m_beta = numberField(tr("Stiffness-proportional coefficient β [s]"));
    m_zeta = numberField(tr("Target damping ratio ζ on both modes [%]"));
    m_modeA = new QSpinBox(this);
    m_modeB = new QSpinBox(this);
    for (QSpinBox* s : {m_modeA, m_modeB}) {
        s->setToolTip(tr("Mode that receives the target damping ratio"));
        connect(s, &QSpinBox::valueChanged, this, &ProfileEditor::onChanged);
    }

    m_rayleighCoefficients = new QWidget(this);
    auto* coeffLayout = new QFormLayout(m_rayleighCoefficients);
    coeffLayout->setContentsMargins(0, 0, 0, 0);
    coeffLayout->addRow(tr("α [1/s]"), m_alpha);
    coeffLayout->addRow(tr("β [s]"), m_beta);
    m_rayleighRatio = new QWidget(this);
    auto* ratioLayout = new QFormLayout(m_rayleighRatio);
    ratioLayout->setContentsMargins(0, 0, 0, 0);
    ratioLayout->addRow(tr("ζ [%]"), m_zeta);
    auto* modes = new QHBoxLayout;
    modes->addWidget(m_modeA);
    modes->addWidget(new QLabel(tr("and"), this));
    modes->addWidget(m_modeB);
    ratioLayout->addRow(tr("on modes"), modes);

    m_message = new QLabel(this);
    m_message->setWordWrap(true);
    m_message->setStyleSheet(QStringLiteral("color: #b00020;"));
    m_message->setVisible(false);

    auto* top = new QFormLayout;
    top->addRow(tr("Storeys"), m_storeys);
    top->addRow(tr("Damping"), m_dampingModel);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(top);
    layout->addWidget(m_table);
    layout->addWidget(m_rayleighCoefficients);
    layout->addWidget(m_rayleighRatio);
    layout->addWidget(m_message);

    connect(m_storeys, &QSpinBox::valueChanged, this, [this](int n) {
        if (m_updating)
            return;
        rebuildRows(n);
        onChanged();
    });
    connect(m_dampingModel, &QComboBox::currentIndexChanged, this, [this] {
        updateDampingWidgets();
        onChanged();
    });
    connect(m_table, &QTableWidget::itemChanged, this, [this] { onChanged(); });
}

void ProfileEditor::setProfile(const model::Profile& p)
{
    m_updating = true;
    m_valid = p;
    const int n = static_cast<int>(p.storeys());
    m_storeys->setValue(n);
    std::vector<FloorTexts> texts(static_cast<std::size_t>(n));
    for (std::size_t f = 0; f < texts.size(); ++f) {
        const double values[kColumns] = {
            p.masses[f], p.stiffnesses[f], f < p.dampers.size() ? p.dampers[f] : 0.0,
            f < p.cubicStiffnesses.size() ? p.cubicStiffnesses[f] : 0.0};
        for (int col = 0; col < kColumns; ++col)
            texts[f][static_cast<std::size_t>(col)] = numberText(values[col]);
    }
    writeTexts(texts);
    m_dampingModel->setCurrentIndex(m_dampingModel->findData(static_cast<int>(p.damping)));
    m_alpha->setValue(p.rayleighAlpha);
    m_beta->setValue(p.rayleighBeta);
    m_zeta->setValue(p.targetDampingRatio * 100.0);
    for (QSpinBox* s : {m_modeA, m_modeB})
        s->setRange(1, std::max(n, 2));
    m_modeA->setValue(p.targetModeA);
    m_modeB->setValue(p.targetModeB);
    updateDampingWidgets();
    showIssues({});
    m_beyond.clear();
    m_updating = false;
    m_lastState = captureState();
    m_undo->clear();
}

ProfileEditor::State ProfileEditor::captureState() const
{
    State s;
    s.floors = readTexts();
    s.beyond = m_beyond;
    s.damping = m_dampingModel->currentIndex();
    s.alpha = m_alpha->text();
    s.beta = m_beta->text();
    s.zeta = m_zeta->text();
    s.modeA = m_modeA->value();
    s.modeB = m_modeB->value();
    return s;
}

void ProfileEditor::restoreState(const State& s)
{
    m_updating = true;
    const int n = static_cast<int>(s.floors.size());
    m_storeys->setValue(n);
    writeTexts(s.floors);
    m_beyond = s.beyond;
    m_dampingModel->setCurrentIndex(s.damping);
    m_alpha->setTextAsTyped(s.alpha);
    m_beta->setTextAsTyped(s.beta);
    m_zeta->setTextAsTyped(s.zeta);
    for (QSpinBox* spin : {m_modeA, m_modeB})
        spin->setRange(1, std::max(n, 2));
    m_modeA->setValue(s.modeA);
    m_modeB->setValue(s.modeB);
    updateDampingWidgets();
    m_updating = false;
    m_lastState = s; // validating below must not record the restore as a new edit
    onChanged();
}

int ProfileEditor::rowOfFloor(int floorIndex) const
{
    // The table looks like the building: the top floor is the top row.
    return m_table->rowCount() - 1 - floorIndex;
}

std::vector<ProfileEditor::FloorTexts> ProfileEditor::readTexts() const
{
    std::vector<FloorTexts> texts(static_cast<std::size_t>(m_table->rowCount()));
    for (int f = 0; f < m_table->rowCount(); ++f)
        for (int col = 0; col < kColumns; ++col) {
            const QTableWidgetItem* item = m_table->item(rowOfFloor(f), col);
            texts[static_cast<std::size_t>(f)][static_cast<std::size_t>(col)] =
                item ? item->text() : QString();
        }
    return texts;
}

void ProfileEditor::writeTexts(const std::vector<FloorTexts>& texts)
{
    const bool blocked = m_table->blockSignals(true);
    m_table->setRowCount(static_cast<int>(texts.size()));
    for (int f = 0; f < static_cast<int>(texts.size()); ++f) {
        const int row = rowOfFloor(f);
        m_table->setVerticalHeaderItem(row, new QTableWidgetItem(tr("Floor %1").arg(f + 1)));
        for (int col = 0; col < kColumns; ++col)
            m_table->setItem(row, col,
                             new QTableWidgetItem(texts[static_cast<std::size_t>(f)]
                                                       [static_cast<std::size_t>(col)]));
    }
    m_table->blockSignals(blocked);
}

void ProfileEditor::rebuildRows(int storeys)
{
    m_updating = true;
    std::vector<FloorTexts> texts = readTexts();
    const auto n = static_cast<std::size_t>(storeys);
    if (n < texts.size()) {
        // Keep the removed floors: raising the count again brings them back.
        m_beyond.insert(m_beyond.begin(), texts.begin() + static_cast<std::ptrdiff_t>(n), texts.end());
        texts.resize(n);
    }
    while (texts.size() < n && !m_beyond.empty()) {
        texts.push_back(m_beyond.front());
        m_beyond.erase(m_beyond.begin());
    }
    // Storeys never entered copy the top one: a sensible start for a taller building.
    const FloorTexts top = texts.empty() ? FloorTexts{"1", "1", "0", "0"} : texts.back();
    texts.resize(n, top);
    writeTexts(texts);
    for (QSpinBox* s : {m_modeA, m_modeB})
        s->setRange(1, std::max(storeys, 2));
    m_updating = false;
}

void ProfileEditor::updateDampingWidgets()
{
    const auto kind = static_cast<model::DampingModel>(m_dampingModel->currentData().toInt());
    m_rayleighCoefficients->setVisible(kind == model::DampingModel::RayleighCoefficients);
    m_rayleighRatio->setVisible(kind == model::DampingModel::RayleighModalRatio);
    m_table->setColumnHidden(kDamper, kind != model::DampingModel::StoreyDampers);
}

model::Profile ProfileEditor::readProfile(InputIssues& issues) const
{
    model::Profile p = m_valid;
    const int n = m_table->rowCount();
    std::vector<double>* lists[kColumns] = {&p.masses, &p.stiffnesses, &p.dampers,
                                            &p.cubicStiffnesses};
    for (auto* list : lists)
        list->assign(static_cast<std::size_t>(n), 0.0);
    const std::vector<FloorTexts> texts = readTexts();
    for (int f = 0; f < n; ++f)
        for (int col = 0; col < kColumns; ++col) {
            const std::string text =
                texts[static_cast<std::size_t>(f)][static_cast<std::size_t>(col)].toStdString();
            double v = 0.0;
            if (!io::parseNumber(text, v)) {
                const std::string field = kColumnFields[col] + std::to_string(f + 1);
                issues.push_back({field, field + ": '" + text + "' is not a number"});
                v = std::nan("");
            }
            (*lists[col])[static_cast<std::size_t>(f)] = v;
        }
    bool anyCubic = false;
    for (double v : p.cubicStiffnesses)
        anyCubic = anyCubic || v != 0.0;
    if (!anyCubic)
        p.cubicStiffnesses.clear();

    p.damping = static_cast<model::DampingModel>(m_dampingModel->currentData().toInt());
    auto readField = [&issues](const NumberField* f, const char* field, double& target, double scale) {
        const auto v = f->value();
        if (!v) {
            issues.push_back({field, std::string(field) + ": '" + f->text().toStdString() +
                                         "' is not a number"});
            return;
        }
        target = *v * scale;
    };
    if (p.damping == model::DampingModel::RayleighCoefficients) {
        readField(m_alpha, "alpha", p.rayleighAlpha, 1.0);
        readField(m_beta, "beta", p.rayleighBeta, 1.0);
    } else if (p.damping == model::DampingModel::RayleighModalRatio) {
        readField(m_zeta, "zeta", p.targetDampingRatio, 0.01);
        p.targetModeA = m_modeA->value();
        p.targetModeB = m_modeB->value();
    }
    return p;
}

void ProfileEditor::onChanged()
{
    if (m_updating)
        return;
    if (State now = captureState(); !(now == m_lastState)) {
        State before = std::exchange(m_lastState, now);
        m_undo->push(new StateChange(this, std::move(before), std::move(now)));
    }
    InputIssues issues;
    model::Profile candidate = readProfile(issues);
    // Unparsable cells were set to NaN; keep only the "not a number" message for them.
    for (const auto& issue : candidate.validate()) {
        bool duplicate = false;
        for (const auto& existing : issues)
            duplicate = duplicate || existing.field == issue.field;
        if (!duplicate)
            issues.push_back(issue);
    }
    const bool wasValid = m_issues.isEmpty();
    showIssues(issues);
    if (issues.empty()) {
        m_valid = candidate;
        emit edited(m_valid);
    }
    if (wasValid != issues.empty())
        emit validityChanged(issues.empty());
}

void ProfileEditor::showIssues(const InputIssues& issues)
{
    m_issues.clear();
    std::map<QString, QString> byField;
    for (const auto& issue : issues) {
        m_issues << QString::fromStdString(issue.message);
        byField[QString::fromStdString(issue.field)] = QString::fromStdString(issue.message);
    }
    const bool blocked = m_table->blockSignals(true);
    for (int f = 0; f < m_table->rowCount(); ++f)
        for (int col = 0; col < kColumns; ++col) {
            QTableWidgetItem* item = m_table->item(rowOfFloor(f), col);
            if (!item)
                continue;
            const auto it = byField.find(QString::fromLatin1(kColumnFields[col]) +
                                         QString::number(f + 1));
            markFieldIssue(item, it != byField.end() ? it->second : QString());
        }
    m_table->blockSignals(blocked);
    auto mark = [&byField](QWidget* w, const char* field) {
        const auto it = byField.find(QString::fromLatin1(field));
        markFieldIssue(w, it != byField.end() ? it->second : QString());
    };
    mark(m_alpha, "alpha");
    mark(m_beta, "beta");
    mark(m_zeta, "zeta");
    mark(m_modeB, "mode_b");
    m_message->setText(m_issues.join(QLatin1Char('\n')));
    m_message->setVisible(!m_issues.isEmpty());
}

bool ProfileEditor::setFieldText(const QString& field, const QString& text)
{
    for (int col = 0; col < kColumns; ++col) {
        const QString prefix = QString::fromLatin1(kColumnFields[col]);
        if (!field.startsWith(prefix))
            continue;
        bool ok = false;
        const int floorIndex = field.mid(prefix.size()).toInt(&ok) - 1;
        // "kc2" also starts with "k": require the rest to be a number.
        if (!ok || floorIndex < 0 || floorIndex >= m_table->rowCount())
            continue;
        m_table->item(rowOfFloor(floorIndex), col)->setText(text); // itemChanged → onChanged
        return true;
    }
    for (auto [name, f] : {std::pair{"alpha", m_alpha}, {"beta", m_beta}, {"zeta", m_zeta}})
        if (field == QLatin1String(name)) {
            f->setTextAsTyped(text); // edited → onChanged
            return true;
        }
    return false;
}

} // namespace dtop::widgets
