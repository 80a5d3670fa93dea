// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QScrollArea>

namespace dtop::widgets {

// Narrowest a tool's form column gets: with the tool dock, a 1024-pixel-wide window leaves
// about 790 px to a panel, shared between the form and the plots (docs/architecture.md,
// "Window sizes").
constexpr int kFormMinimumWidth = 260;

// A tool's form in a scroll area: `preferredWidth` wide when there is room (what a splitter
// starts with), down to kFormMinimumWidth on small screens, where the form scrolls
// horizontally as well as vertically instead of widening the window.
class FormScrollArea : public QScrollArea {
    Q_OBJECT
public:
    FormScrollArea(QWidget* form, int preferredWidth, QWidget* parent = nullptr);

    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

private:
    int m_preferredWidth;
};

} // namespace dtop::widgets
