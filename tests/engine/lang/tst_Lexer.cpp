// The lexer: numbers, strings, comments, continuations, transposes, blanks, positions, errors.
#include <QtTest>

#include <cmath>
#include <string>

#include "engine/lang/Lexer.h"

using lemma::Error;
using lemma::lang::Lexer;
using lemma::lang::Token;
using lemma::lang::TokenKind;

namespace {

// One word per token: n:3, n:2i, s:"text", id:x, kw:end, NL, and operators as written.
QString describe(const Token& token) {
    switch (token.kind) {
        case TokenKind::Number:
            return "n:" + QString::number(token.number, 'g', 12) + (token.imaginary ? "i" : "");
        case TokenKind::String: {
            QString value = QString::fromStdString(token.value);
            value.replace("\n", "\\n").replace("\t", "\\t");
            return "s:\"" + value + "\"";
        }
        case TokenKind::Identifier:
            return "id:" + QString::fromUtf8(token.text.data(), token.text.size());
        case TokenKind::If:
        case TokenKind::Elseif:
        case TokenKind::Else:
        case TokenKind::For:
        case TokenKind::While:
        case TokenKind::Break:
        case TokenKind::Continue:
        case TokenKind::Return:
        case TokenKind::Function:
        case TokenKind::True:
        case TokenKind::False:
            return "kw:" + QString::fromUtf8(token.text.data(), token.text.size());
        case TokenKind::End:
            return "kw:end";
        case TokenKind::Newline:
            return "NL";
        default:
            return QString::fromUtf8(token.text.data(), token.text.size());
    }
}

QString lex(const std::string& source) {
    QStringList words;
    for (const Token& token : Lexer(source).tokenize()) {
        if (token.kind != TokenKind::Eof)
            words << describe(token);
    }
    return words.join(' ');
}

}  // namespace

class tst_Lexer : public QObject {
    Q_OBJECT

private slots:
    void tokens_data() {
        QTest::addColumn<QString>("source");
        QTest::addColumn<QString>("expected");

        // Numbers
        QTest::newRow("integer") << "3"
                                 << "n:3";
        QTest::newRow("decimal") << "3.5"
                                 << "n:3.5";
        QTest::newRow("leading dot") << ".5"
                                     << "n:0.5";
        QTest::newRow("trailing dot") << "3."
                                      << "n:3";
        QTest::newRow("exponent") << "1e-3"
                                  << "n:0.001";
        QTest::newRow("signed exponent") << "2.5E+4"
                                         << "n:25000";
        QTest::newRow("imaginary i") << "2i"
                                     << "n:2i";
        QTest::newRow("imaginary j") << "2j"
                                     << "n:2i";
        QTest::newRow("imaginary exponent") << "1e-3i"
                                            << "n:0.001i";
        QTest::newRow("dot operator after number") << "1.*2"
                                                   << "n:1 .* n:2";
        QTest::newRow("dot transpose after number") << "1.'"
                                                    << "n:1 .'";
        QTest::newRow("range of numbers") << "1:.5:3"
                                          << "n:1 : n:0.5 : n:3";
        QTest::newRow("i alone is a name") << "2*i"
                                           << "n:2 * id:i";

        // Strings
        QTest::newRow("string") << "\"abc\""
                                << "s:\"abc\"";
        QTest::newRow("escapes") << "\"a\\nb\\tc\\\\d\\\"e\""
                                 << "s:\"a\\nb\\tc\\d\"e\"";
        QTest::newRow("doubled quote") << "\"say \"\"hi\"\"\""
                                       << "s:\"say \"hi\"\"";
        QTest::newRow("other backslash kept") << "\"\\alpha\""
                                              << "s:\"\\alpha\"";
        QTest::newRow("percent in string") << "\"50% off\" % note"
                                           << "s:\"50% off\"";
        QTest::newRow("hash in string") << "\"#1\""
                                        << "s:\"#1\"";
        QTest::newRow("empty string") << "\"\""
                                      << "s:\"\"";

        // Comments, continuations, newlines
        QTest::newRow("percent comment") << "x % comment\ny"
                                         << "id:x NL id:y";
        QTest::newRow("hash comment") << "x # comment"
                                      << "id:x";
        QTest::newRow("continuation") << "x + ...\n  y"
                                      << "id:x + id:y";
        QTest::newRow("continuation with text") << "x + ... more words\ny"
                                                << "id:x + id:y";
        QTest::newRow("crlf") << "x\r\ny"
                              << "id:x NL id:y";
        QTest::newRow("separators") << "a, b; c\n"
                                    << "id:a , id:b ; id:c NL";

        // Operators
        QTest::newRow("comparisons")
            << "a == b != c ~= d <= e >= f < g > h"
            << "id:a == id:b != id:c ~= id:d <= id:e >= id:f < id:g > id:h";
        QTest::newRow("logic") << "a && b || !c & d | ~e"
                               << "id:a && id:b || ! id:c & id:d | ~ id:e";
        QTest::newRow("arithmetic") << "a*b/c\\d^e .* .\\ ./ .^ + -"
                                    << "id:a * id:b / id:c \\ id:d ^ id:e .* .\\ ./ .^ + -";
        QTest::newRow("assignment") << "x=1"
                                    << "id:x = n:1";
        QTest::newRow("brackets") << "f(x)[1]{2}"
                                  << "id:f ( id:x ) [ n:1 ] { n:2 }";
        QTest::newRow("anonymous") << "@(x) x.y"
                                   << "@ ( id:x ) id:x . id:y";

        // Transposes
        QTest::newRow("transpose name") << "a'"
                                        << "id:a '";
        QTest::newRow("double transpose") << "a''"
                                          << "id:a ' '";
        QTest::newRow("dot transpose") << "a.'"
                                       << "id:a .'";
        QTest::newRow("transpose paren") << "(a)'"
                                         << "( id:a ) '";
        QTest::newRow("transpose bracket") << "[1]'"
                                           << "[ n:1 ] '";
        QTest::newRow("transpose brace") << "x{1}'"
                                         << "id:x { n:1 } '";
        QTest::newRow("transpose number") << "2'"
                                          << "n:2 '";
        QTest::newRow("transpose end") << "A(end')"
                                       << "id:A ( kw:end ' )";
        QTest::newRow("transposes in matrix") << "[a' b']"
                                              << "[ id:a ' id:b ' ]";
        QTest::newRow("transpose after string") << "\"s\"'"
                                                << "s:\"s\" '";

        // Single-quoted strings: a ' that does not follow an operand directly
        QTest::newRow("single-quoted string") << "x = 'abc'"
                                              << "id:x = s:\"abc\"";
        QTest::newRow("single quote doubled") << "'it''s'"
                                              << "s:\"it's\"";
        QTest::newRow("single quote keeps backslashes") << "'a\\nb'"
                                                        << "s:\"a\\nb\"";
        QTest::newRow("double quote inside single") << "'say \"hi\"'"
                                                    << "s:\"say \"hi\"\"";
        QTest::newRow("single-quoted after comma") << "f(x,'descend')"
                                                   << "id:f ( id:x , s:\"descend\" )";
        QTest::newRow("string element after blank") << "[a 'b']"
                                                    << "[ id:a s:\"b\" ]";
        QTest::newRow("transpose then string") << "[a' 'b']"
                                               << "[ id:a ' s:\"b\" ]";
        QTest::newRow("empty single-quoted") << "''"
                                             << "s:\"\"";
        QTest::newRow("doubled quote at end") << "'ab'''"
                                              << "s:\"ab'\"";

        // Keywords
        QTest::newRow("keywords")
            << "if elseif else for while break continue return function true false"
            << "kw:if kw:elseif kw:else kw:for kw:while kw:break kw:continue kw:return "
               "kw:function kw:true kw:false";
        QTest::newRow("end spellings") << "end endif endfor endwhile endfunction"
                                       << "kw:end kw:end kw:end kw:end kw:end";
        QTest::newRow("keyword prefix is a name") << "ending iffy"
                                                  << "id:ending id:iffy";
        QTest::newRow("underscore names") << "_x x_1"
                                          << "id:_x id:x_1";
    }
    void tokens() {
        QFETCH(QString, source);
        QFETCH(QString, expected);
        QCOMPARE(lex(source.toStdString()), expected);
    }

    void hugeNumbers() {
        const auto tokens = Lexer("1e999 1e-999").tokenize();
        QVERIFY(std::isinf(tokens[0].number));
        QCOMPARE(tokens[1].number, 0.0);
    }

    // Blanks before each token, as 0/1, which the parser's matrix rules depend on.
    void spaceBefore_data() {
        QTest::addColumn<QString>("source");
        QTest::addColumn<QString>("expected");
        QTest::newRow("negative element") << "[1 -2]"
                                          << "0 0 1 0 0";
        QTest::newRow("binary minus") << "[1 - 2]"
                                      << "0 0 1 1 0";
        QTest::newRow("tab") << "a\tb"
                             << "0 1";
        QTest::newRow("continuation counts") << "a...\nb"
                                             << "0 1";
        QTest::newRow("comment then newline") << "a % c\nb"
                                              << "0 1 0";
    }
    void spaceBefore() {
        QFETCH(QString, source);
        QFETCH(QString, expected);
        QStringList flags;
        for (const Token& token : Lexer(source.toStdString()).tokenize()) {
            if (token.kind != TokenKind::Eof)
                flags << (token.spaceBefore ? "1" : "0");
        }
        QCOMPARE(flags.join(' '), expected);
    }

    void positions() {
        // Columns count code points: é is two bytes and one column.
        const std::string source = "s = \"é\"; x\n  y...\n z";
        const auto tokens = Lexer(source).tokenize();
        QCOMPARE(describe(tokens[4]), QString("id:x"));
        QCOMPARE(tokens[4].pos.line, 1);
        QCOMPARE(tokens[4].pos.column, 10);
        QCOMPARE(tokens[4].offset, std::size_t(10));
        QCOMPARE(describe(tokens[6]), QString("id:y"));
        QCOMPARE(tokens[6].pos.line, 2);
        QCOMPARE(tokens[6].pos.column, 3);
        QCOMPARE(describe(tokens[7]), QString("id:z"));
        QCOMPARE(tokens[7].pos.line, 3);
        QCOMPARE(tokens[7].pos.column, 2);
        QCOMPARE(tokens.back().kind, TokenKind::Eof);
        QCOMPARE(tokens.back().pos.line, 3);
        QCOMPARE(tokens.back().pos.column, 3);
    }

    void errors_data() {
        QTest::addColumn<QString>("source");
        QTest::addColumn<QString>("message");
        QTest::addColumn<int>("line");
        QTest::addColumn<int>("column");

        const QString unterminated = "unterminated string";
        QTest::newRow("single quote after blank") << "a '" << unterminated << 1 << 3;
        QTest::newRow("single quote after operator") << "a + 'b" << unterminated << 1 << 5;
        QTest::newRow("single quote at line start") << "a\n'" << unterminated << 2 << 1;
        QTest::newRow("single-quoted across lines") << "'ab\ncd'" << unterminated << 1 << 1;
        QTest::newRow("unterminated") << "y = 1\nx = \"abc"
                                      << "unterminated string" << 2 << 5;
        QTest::newRow("string across lines") << "\"ab\ncd\""
                                             << "unterminated string" << 1 << 1;
        QTest::newRow("escaped quote at end") << "\"ab\\\""
                                              << "unterminated string" << 1 << 1;
        QTest::newRow("dollar") << "x = $"
                                << "invalid character '$'" << 1 << 5;
        QTest::newRow("backtick") << "\n  `"
                                  << "invalid character '`'" << 2 << 3;
        QTest::newRow("nul byte") << QString::fromLatin1("x = 1", 5) + QChar(0) + "2"
                                  << "invalid character U+0000" << 1 << 6;
        QTest::newRow("escape") << QString("x = \x1b")
                                << "invalid character U+001B" << 1 << 5;
        QTest::newRow("non-ascii") << "é = 1"
                                   << "invalid character 'é'" << 1 << 1;
        QTest::newRow("number then letter") << "x = 3x"
                                            << "invalid number '3x'" << 1 << 5;
        QTest::newRow("exponent without digits") << "2e"
                                                 << "invalid number '2e'" << 1 << 1;
        QTest::newRow("imaginary then letter") << "2in"
                                               << "invalid number '2in'" << 1 << 1;
    }
    void errors() {
        QFETCH(QString, source);
        QFETCH(QString, message);
        QFETCH(int, line);
        QFETCH(int, column);
        try {
            Lexer(source.toStdString()).tokenize();
            QFAIL("no error");
        } catch (const Error& e) {
            QCOMPARE(QString::fromStdString(e.what()), message);
            QCOMPARE(e.pos().line, line);
            QCOMPARE(e.pos().column, column);
        }
    }
};

QTEST_APPLESS_MAIN(tst_Lexer)
#include "tst_Lexer.moc"
