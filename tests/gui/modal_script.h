// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <catch2/catch.hpp>

#include <QAbstractButton>
#include <QApplication>
#include <QMessageBox>
#include <QPointer>
#include <QTimer>
#include <QWidget>

#include <deque>
#include <functional>

namespace dtop::test {

// Answers the modal dialogs a blocking call opens, one step per dialog, in order: each step
// gets the dialog and must close it (accept, reject or click a button). Steps left over mean
// a dialog the test expected never appeared.
class ModalScript {
public:
    using Step = std::function<void(QWidget* dialog)>;
    explicit ModalScript(std::deque<Step> steps) : m_steps(std::move(steps))
    {
        QObject::connect(&m_timer, &QTimer::timeout, [this] { poll(); });
        m_timer.start(10);
    }
    std::size_t remaining() const { return m_steps.size(); }

private:
    void poll()
    {
        QWidget* dialog = QApplication::activeModalWidget();
        if (!dialog || dialog == m_last || m_steps.empty())
            return;
        m_last = dialog;
        Step step = std::move(m_steps.front());
        m_steps.pop_front();
        step(dialog);
    }
    std::deque<Step> m_steps;
    QPointer<QWidget> m_last;
    QTimer m_timer;
};

// A step that clicks the message box button labelled `text` (mnemonic '&' ignored) and keeps
// the box's text in `message`.
inline ModalScript::Step clickButton(const QString& text, QString* message = nullptr)
{
    return [text, message](QWidget* w) {
        auto* box = qobject_cast<QMessageBox*>(w);
        REQUIRE(box);
        if (message)
            *message = box->text();
        for (QAbstractButton* b : box->buttons())
            if (b->text().remove(QLatin1Char('&')) == text)
                return b->click();
        FAIL("no button " << text.toStdString());
    };
}

} // namespace dtop::test
