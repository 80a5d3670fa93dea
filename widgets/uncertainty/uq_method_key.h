// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QColor>
#include <QString>
#include <QWidget>

#include <map>
#include <vector>

class QGridLayout;
class QCheckBox;

namespace dtop::widgets {

// The key of the uncertainty plots: one entry per method band (its honest label in full, its
// guarantee as tooltip), the percentile band and the nominal line, in a grid that fits a narrow
// panel where a one-line chart legend would be cut short. Unticking an entry hides that curve
// on every floor.
class UqMethodKey : public QWidget {
    Q_OBJECT
public:
    struct Entry {
        QString name; // the series name in the plots
        QColor color;
        QString tooltip;
        bool band = true;
    };

    explicit UqMethodKey(QWidget* parent = nullptr);

    // Replaces the entries; an entry keeps its ticked state across calls.
    void setEntries(const std::vector<Entry>& entries);
    bool isShown(const QString& name) const;
    QStringList names() const;

signals:
    void visibilityChanged();

private:
    QGridLayout* m_grid;
    std::vector<QCheckBox*> m_boxes;
    std::map<QString, bool> m_shown;
};

} // namespace dtop::widgets
