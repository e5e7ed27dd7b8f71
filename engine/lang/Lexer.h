// The lexer of the cell language: source text in, tokens with positions out.
#pragma once

#include <cstddef>
#include <string_view>
#include <vector>

#include "engine/lang/Token.h"

namespace lemma::lang {

// Splits one cell into tokens.
//
// Responsibilities:
// - numbers (3, .5, 1e-3, 2i), double-quoted strings with escapes, MATLAB's single-quoted
//   strings, identifiers and keywords;
// - comments (`%` and `#` to the end of the line) and `...` continuations, which it drops;
// - telling a transpose `'` from the start of a '…' string by quoteIsTranspose (Token.h);
// - recording whether blanks precede each token, which the parser needs for MATLAB's
//   whitespace rules inside [] and {}.
//
// Positions are 1-based; columns count Unicode code points of the UTF-8 source. Tokens keep
// string_views into the source, which must outlive them.
class Lexer {
public:
    explicit Lexer(std::string_view source);

    // The tokens, ending with Eof. Throws lemma::Error at the first character that cannot
    // start a token.
    std::vector<Token> tokenize();

private:
    char peek(std::size_t ahead = 0) const;
    bool atEnd() const { return m_offset >= m_source.size(); }
    void advance();
    void skipBlanks();
    void skipToEndOfLine();

    void lexNumber();
    void lexString();
    void lexIdentifier();
    void lexOperator();
    bool transposeAllowed() const;
    void add(TokenKind kind, std::size_t start, SourcePos pos);

    std::string_view m_source;
    std::size_t m_offset = 0;
    int m_line = 1;
    int m_column = 1;
    bool m_space = false;  // blanks since the previous token
    std::vector<Token> m_tokens;
};

}  // namespace lemma::lang
