// SPDX-License-Identifier: GPL-3.0-or-later
#include "widgets/uncertainty/uq_method_key.h"

#include <QCheckBox>
#include <QGridLayout>
#include <QPainter>
#include <QPixmap>

namespace dtop::widgets {

namespace {
constexpr int kColumns = 2; // three made the uncertainty panel wider than a 1024-pixel window

// A filled square for a band (as the plot draws it: translucent with an edge), a line otherwise.
QIcon swatch(const QColor& color, bool band)
{
    QPixmap pixmap(14, 14);
    pixmap.fill(Qt::transparent);
    QPainter p(&pixmap);
    if (band) {
        QColor fill = color;
        fill.setAlpha(90);
        p.fillRect(1, 1, 12, 12, fill);
        p.setPen(QPen(color, 1));
        p.drawRect(1, 1, 11, 11);
    } else {
        p.setPen(QPen(color, 2));
        p.drawLine(0, 7, 14, 7);
    }
    return QIcon(pixmap);
}
} // namespace

UqMethodKey::UqMethodKey(QWidget* parent) : QWidget(parent)
{
    m_grid = new QGridLayout(this);
    m_grid->setContentsMargins(4, 0, 4, 0);
    m_grid->setHorizontalSpacing(12);
    m_grid->setVerticalSpacing(0);
}

void UqMethodKey::setEntries(const std::vector<Entry>& entries)
{
    for (QCheckBox* b : m_boxes)
        delete b;
    m_boxes.clear();
    for (std::size_t i = 0; i < entries.size(); ++i) {
        const Entry& e = entries[i];
        auto* box = new QCheckBox(e.name, this);
        box->setIcon(swatch(e.color, e.band));
        box->setToolTip(e.tooltip);
        const auto it = m_shown.find(e.name);
        box->setChecked(it == m_shown.end() || it->second);
        connect(box, &QCheckBox::toggled, this, [this, name = e.name](bool on) {
            m_shown[name] = on;
            emit visibilityChanged();
        });
        const int index = static_cast<int>(i);
        m_grid->addWidget(box, index / kColumns, index % kColumns);
        m_boxes.push_back(box);
    }
}

bool UqMethodKey::isShown(const QString& name) const
{
    const auto it = m_shown.find(name);
    return it == m_shown.end() || it->second;
}

QStringList UqMethodKey::names() const
{
    QStringList list;
    for (const QCheckBox* b : m_boxes)
        list << b->text();
    return list;
}

} // namespace dtop::widgets
