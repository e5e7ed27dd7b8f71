// The cell editor: monospace with line numbers for code, highlighting of the cell language,
// bracket matching, auto-indent after for/if/while/function (and dedent of end/else),
// Tab indentation, completion of builtins and notebook names with their help, and growing with
// its text so the notebook scrolls as a whole.
#include <QAbstractItemView>
#include <QFontDatabase>
#include <QPlainTextDocumentLayout>
#include <QSignalSpy>
#include <QStandardItemModel>
#include <QTest>
#include <QTextBlock>
#include <QTextDocument>
#include <QTextLayout>

#include "support/GuiTest.h"
#include "widgets/notebook/CodeCompleter.h"
#include "widgets/notebook/CodeEditor.h"
#include "widgets/notebook/SessionBridge.h"

using namespace lemma;
using widgets::CodeEditor;

namespace {

struct Editor {
    QTextDocument doc;
    CodeEditor editor;
    widgets::ThemeColors colors = widgets::themeColors(QApplication::palette());

    explicit Editor(const QString& text,
                    CodeEditor::Language language = CodeEditor::Language::Lemma)
        : editor(language) {
        doc.setDocumentLayout(new QPlainTextDocumentLayout(&doc));
        doc.setPlainText(text);
        editor.setCellDocument(&doc);
        editor.setColors(colors);
        editor.setBuiltins({"sum", "softmax", "sqrt"});
        editor.resize(600, editor.height());
        editor.show();
        editor.activateWindow();
        if (!QTest::qWaitForWindowActive(&editor))
            qWarning("the editor did not become active");
        editor.setFocus();
    }
    void cursorAt(int position) {
        QTextCursor c = editor.textCursor();
        c.setPosition(position);
        editor.setTextCursor(c);
    }
    // The foreground of the character at `column` of line `line` (0-based), from the
    // highlighter's formats.
    QColor colorAt(int line, int column) const {
        const QTextBlock block = doc.findBlockByNumber(line);
        for (const QTextLayout::FormatRange& r : block.layout()->formats()) {
            if (column >= r.start && column < r.start + r.length)
                return r.format.foreground().color();
        }
        return {};
    }
};

}  // namespace

class tst_CodeEditor : public QObject {
    Q_OBJECT

private slots:
    void codeHasLineNumbersAndAMonospaceFont() {
        Editor code("a = 1\nb = 2");
        QVERIFY(code.editor.lineNumberAreaWidth() > 0);
        QCOMPARE(code.editor.viewport()->x() - code.editor.contentsRect().x(),
                 code.editor.lineNumberAreaWidth());
        QVERIFY(QFontInfo(code.editor.font()).fixedPitch());
        Editor prose("# Heading", CodeEditor::Language::Markdown);
        QCOMPARE(prose.editor.lineNumberAreaWidth(), 0);
        // The number column widens with the lines.
        Editor many(QString("x = 1\n").repeated(120));
        QVERIFY(many.editor.lineNumberAreaWidth() > code.editor.lineNumberAreaWidth());
    }

    void growsWithItsText() {
        Editor e("a = 1");
        const int one = e.editor.height();
        e.editor.moveCursor(QTextCursor::End);
        QTest::keyClick(&e.editor, Qt::Key_Return);
        QTest::keyClicks(&e.editor, "b = 2");
        QTest::keyClick(&e.editor, Qt::Key_Return);
        QTest::keyClicks(&e.editor, "c = 3");
        QVERIFY(e.editor.height() > one);
        QCOMPARE(e.editor.height(), e.editor.contentHeight());
    }

    void highlightsTheCellLanguage() {
        Editor e("for i = 1:3 % loop\n    s = sum(\"text\", 2.5);\nend");
        QTest::qWait(50);  // highlighting is applied on the next turn of the event loop
        QCOMPARE(e.colorAt(0, 0), e.colors.keyword);   // for
        QCOMPARE(e.colorAt(0, 8), e.colors.number);    // 1
        QCOMPARE(e.colorAt(0, 14), e.colors.comment);  // % loop
        QCOMPARE(e.colorAt(1, 8), e.colors.builtin);   // sum
        QCOMPARE(e.colorAt(1, 13), e.colors.string);   // "text"
        QCOMPARE(e.colorAt(1, 21), e.colors.number);   // 2.5
        QCOMPARE(e.colorAt(2, 0), e.colors.keyword);   // end
        QVERIFY(!e.colorAt(1, 4).isValid());           // s: plain
    }

    void matchesBrackets() {
        Editor e("y = f([1, (2)], 3)");
        e.cursorAt(18);  // after the last ")"
        QList<int> marked;
        for (const QTextEdit::ExtraSelection& s : e.editor.extraSelections()) {
            if (s.format.background().color() == e.colors.bracketMatch)
                marked << s.cursor.selectionStart();
        }
        std::sort(marked.begin(), marked.end());
        QCOMPARE(marked, (QList<int>{5, 17}));
        e.cursorAt(7);  // after "["
        marked.clear();
        for (const QTextEdit::ExtraSelection& s : e.editor.extraSelections()) {
            if (s.format.background().color() == e.colors.bracketMatch)
                marked << s.cursor.selectionStart();
        }
        std::sort(marked.begin(), marked.end());
        QCOMPARE(marked, (QList<int>{6, 13}));
    }

    void autoIndents_data() {
        QTest::addColumn<QString>("opener");
        for (const char* opener : {"for i = 1:3", "if x > 0", "while n < 10", "function y = f(x)"})
            QTest::newRow(opener) << QString(opener);
    }

    void autoIndents() {
        QFETCH(QString, opener);
        Editor e("");
        QTest::keyClicks(&e.editor, opener);
        QTest::keyClick(&e.editor, Qt::Key_Return);
        QTest::keyClicks(&e.editor, "a = 1;");
        QTest::keyClick(&e.editor, Qt::Key_Return);
        QTest::keyClicks(&e.editor, "end");
        QCOMPARE(e.doc.toPlainText(), opener + "\n    a = 1;\nend");
    }

    void indentsNestedBlocksAndElse() {
        Editor e("");
        for (const char* line : {"if a", "for i = 1:2", "b = i;", "end", "else", "c = 0;", "end"}) {
            QTest::keyClicks(&e.editor, line);
            QTest::keyClick(&e.editor, Qt::Key_Return);
        }
        QCOMPARE(
            e.doc.toPlainText(),
            QString("if a\n    for i = 1:2\n        b = i;\n    end\nelse\n    c = 0;\nend\n"));
        // A block closed on its own line opens nothing.
        Editor one("");
        QTest::keyClicks(&one.editor, "if a, b = 1; end");
        QTest::keyClick(&one.editor, Qt::Key_Return);
        QTest::keyClicks(&one.editor, "c");
        QCOMPARE(one.doc.toPlainText(), QString("if a, b = 1; end\nc"));
    }

    void tabIndentsAndShiftTabDedents() {
        Editor e("a = 1\nb = 2");
        e.editor.selectAll();
        QTest::keyClick(&e.editor, Qt::Key_Tab);
        QCOMPARE(e.doc.toPlainText(), QString("    a = 1\n    b = 2"));
        QTest::keyClick(&e.editor, Qt::Key_Backtab);
        QCOMPARE(e.doc.toPlainText(), QString("a = 1\nb = 2"));
        e.cursorAt(0);
        QTest::keyClick(&e.editor, Qt::Key_Tab);
        QCOMPARE(e.doc.toPlainText(), QString("    a = 1\nb = 2"));
    }

    void completesBuiltinsAndNotebookNamesWithTheirHelp() {
        widgets::SessionBridge bridge;
        widgets::CodeCompleter completer;
        completer.setBuiltins(bridge.registry());
        completer.setNotebookNames({{"softness", "0.5 — defined in cell [2]", {}}});
        Editor e("");
        e.editor.setCompleter(&completer);
        e.editor.clearFocus();
        e.editor.setFocus();  // attaches the completer
        QTest::keyClicks(&e.editor, "sof");
        QTRY_VERIFY(completer.popup()->isVisible());
        QStringList names;
        for (int i = 0; i < completer.completionModel()->rowCount(); ++i) {
            const QModelIndex index = completer.completionModel()->index(i, 0);
            names << index.data(widgets::CodeCompleter::kNameRole).toString();
            QVERIFY(!index.data(widgets::CodeCompleter::kHelpRole).toString().isEmpty());
        }
        QVERIFY2(names.contains("softmax") && names.contains("softness"),
                 qPrintable(names.join(' ')));
        for (const QString& name : names)
            QVERIFY(name.startsWith("sof"));
        QCOMPARE(names.first(), QString("softmax"));
        QVERIFY(completer.helpFor("softmax").contains("softmax("));
        QCOMPARE(completer.helpFor("softness"), QString("0.5 — defined in cell [2]"));
        // Enter takes the highlighted candidate.
        QTest::keyClick(completer.popup(), Qt::Key_Return);
        QCOMPARE(e.doc.toPlainText(), QString("softmax"));
        QVERIFY(!completer.popup()->isVisible());
        // Ctrl+Space asks even after one letter; digits never complete.
        QTest::keyClicks(&e.editor, "(s");
        QTest::keyClick(&e.editor, Qt::Key_Space, Qt::ControlModifier);
        QTRY_VERIFY(completer.popup()->isVisible());
        QTest::keyClick(completer.popup(), Qt::Key_Escape);
        QTest::keyClicks(&e.editor, " + 12");
        QVERIFY(!completer.popup()->isVisible());
    }

    void marksAnErrorLineAndGoesToIt() {
        Editor e("a = 1\nb = a +\nc = 3");
        e.editor.setErrorLine(2);
        bool marked = false;
        for (const QTextEdit::ExtraSelection& s : e.editor.extraSelections()) {
            marked = marked || (s.cursor.blockNumber() == 1 &&
                                s.format.background().color() == e.colors.errorLine &&
                                s.format.property(QTextFormat::FullWidthSelection).toBool());
        }
        QVERIFY(marked);
        e.editor.goTo(2, 5);
        QCOMPARE(e.editor.textCursor().blockNumber(), 1);
        QCOMPARE(e.editor.textCursor().positionInBlock(), 4);
        e.editor.setErrorLine(0);
        for (const QTextEdit::ExtraSelection& s : e.editor.extraSelections())
            QVERIFY(s.format.background().color() != e.colors.errorLine);
    }

    void helpForTheWordUnderTheCursor() {
        Editor e("y = softmax(x)");
        e.cursorAt(7);
        QSignalSpy help(&e.editor, &CodeEditor::helpRequested);
        QTest::keyClick(&e.editor, Qt::Key_F1);
        QCOMPARE(help.count(), 1);
        QCOMPARE(help.first().first().toString(), QString("softmax"));
    }
};

QTEST_MAIN(tst_CodeEditor)
#include "tst_CodeEditor.moc"
