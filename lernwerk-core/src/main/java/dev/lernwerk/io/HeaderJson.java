package dev.lernwerk.io;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A small strict JSON reader and writer for safetensors headers: RFC 8259 syntax, no extensions,
 * no duplicate keys, bounded nesting, and errors that carry the byte position.
 *
 * <p>Values map to Java as: object → {@link LinkedHashMap} (key order kept), array → {@link List},
 * string → {@link String}, integer literal → {@link Long}, other number → {@link Double}, {@code
 * true}/{@code false} → {@link Boolean}, {@code null} → {@link #NULL}.
 */
final class HeaderJson {
  /** The JSON {@code null} literal (maps cannot hold Java null values in a useful way). */
  static final Object NULL = new Object() {
    @Override
    public String toString() {
      return "null";
    }
  };

  private static final int MAX_DEPTH = 64;

  /** A syntax error at a byte position within the parsed bytes. */
  static final class SyntaxError extends Exception {
    private static final long serialVersionUID = 1L;
    final int position;

    SyntaxError(int position, String message) {
      super(message);
      this.position = position;
    }
  }

  private final byte[] b;
  private final int end;
  private int pos;

  private HeaderJson(byte[] bytes, int length) {
    this.b = bytes;
    this.end = length;
  }

  /** Parses one JSON value spanning {@code bytes[0, length)} (surrounding whitespace allowed). */
  static Object parse(byte[] bytes, int length) throws SyntaxError {
    HeaderJson p = new HeaderJson(bytes, length);
    p.skipWhitespace();
    Object v = p.value(0);
    p.skipWhitespace();
    if (p.pos != p.end) {
      throw new SyntaxError(p.pos, "unexpected " + p.describe() + " after the end of the JSON value");
    }
    return v;
  }

  private String describe() {
    if (pos >= end) {
      return "end of header";
    }
    int c = b[pos] & 0xFF;
    return c >= 0x20 && c < 0x7F ? "'" + (char) c + "'" : String.format("byte 0x%02X", c);
  }

  private void skipWhitespace() {
    while (pos < end) {
      byte c = b[pos];
      if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
        pos++;
      } else {
        break;
      }
    }
  }

  private Object value(int depth) throws SyntaxError {
    if (depth > MAX_DEPTH) {
      throw new SyntaxError(pos, "nesting deeper than " + MAX_DEPTH + " levels");
    }
    if (pos >= end) {
      throw new SyntaxError(pos, "expected a value, got end of header");
    }
    return switch (b[pos]) {
      case '{' -> object(depth);
      case '[' -> array(depth);
      case '"' -> string();
      case 't' -> literal("true", Boolean.TRUE);
      case 'f' -> literal("false", Boolean.FALSE);
      case 'n' -> literal("null", NULL);
      default -> {
        if (b[pos] == '-' || (b[pos] >= '0' && b[pos] <= '9')) {
          yield number();
        }
        throw new SyntaxError(pos, "expected a value, got " + describe());
      }
    };
  }

  private Object literal(String word, Object v) throws SyntaxError {
    for (int i = 0; i < word.length(); i++) {
      if (pos + i >= end || b[pos + i] != word.charAt(i)) {
        throw new SyntaxError(pos, "expected '" + word + "'");
      }
    }
    pos += word.length();
    return v;
  }

  private Map<String, Object> object(int depth) throws SyntaxError {
    pos++; // {
    Map<String, Object> m = new LinkedHashMap<>();
    skipWhitespace();
    if (pos < end && b[pos] == '}') {
      pos++;
      return m;
    }
    while (true) {
      skipWhitespace();
      if (pos >= end || b[pos] != '"') {
        throw new SyntaxError(pos, "expected a string key, got " + describe());
      }
      int keyPos = pos;
      String key = string();
      skipWhitespace();
      expect(':', "after object key");
      skipWhitespace();
      Object v = value(depth + 1);
      if (m.putIfAbsent(key, v) != null) {
        throw new SyntaxError(keyPos, "duplicate key \"" + key + "\"");
      }
      skipWhitespace();
      if (pos < end && b[pos] == ',') {
        pos++;
        continue;
      }
      expect('}', "or ',' in object");
      return m;
    }
  }

  private List<Object> array(int depth) throws SyntaxError {
    pos++; // [
    List<Object> list = new ArrayList<>();
    skipWhitespace();
    if (pos < end && b[pos] == ']') {
      pos++;
      return list;
    }
    while (true) {
      skipWhitespace();
      list.add(value(depth + 1));
      skipWhitespace();
      if (pos < end && b[pos] == ',') {
        pos++;
        continue;
      }
      expect(']', "or ',' in array");
      return list;
    }
  }

  private void expect(char c, String where) throws SyntaxError {
    if (pos >= end || b[pos] != c) {
      throw new SyntaxError(pos, "expected '" + c + "' " + where + ", got " + describe());
    }
    pos++;
  }

  private String string() throws SyntaxError {
    int start = pos;
    pos++; // opening quote
    StringBuilder sb = new StringBuilder();
    int runStart = pos; // start of a run of raw (unescaped) bytes
    while (true) {
      if (pos >= end) {
        throw new SyntaxError(start, "unterminated string");
      }
      int c = b[pos] & 0xFF;
      if (c == '"') {
        sb.append(decode(runStart, pos));
        pos++;
        return sb.toString();
      }
      if (c < 0x20) {
        throw new SyntaxError(pos, String.format("control character 0x%02X inside a string", c));
      }
      if (c != '\\') {
        pos++;
        continue;
      }
      sb.append(decode(runStart, pos));
      int escPos = pos;
      pos++;
      if (pos >= end) {
        throw new SyntaxError(escPos, "unterminated escape sequence");
      }
      char e = (char) b[pos++];
      switch (e) {
        case '"' -> sb.append('"');
        case '\\' -> sb.append('\\');
        case '/' -> sb.append('/');
        case 'b' -> sb.append('\b');
        case 'f' -> sb.append('\f');
        case 'n' -> sb.append('\n');
        case 'r' -> sb.append('\r');
        case 't' -> sb.append('\t');
        case 'u' -> sb.append(hex4(escPos));
        default -> throw new SyntaxError(escPos, "invalid escape sequence '\\" + e + "'");
      }
      runStart = pos;
    }
  }

  private char hex4(int escPos) throws SyntaxError {
    if (pos + 4 > end) {
      throw new SyntaxError(escPos, "truncated \\u escape");
    }
    int v = 0;
    for (int i = 0; i < 4; i++) {
      int d = Character.digit(b[pos + i], 16);
      if (d < 0) {
        throw new SyntaxError(escPos, "invalid \\u escape (expected 4 hex digits)");
      }
      v = v * 16 + d;
    }
    pos += 4;
    return (char) v;
  }

  private String decode(int from, int to) throws SyntaxError {
    if (from == to) {
      return "";
    }
    try {
      return StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(b, from, to - from))
          .toString();
    } catch (CharacterCodingException ex) {
      throw new SyntaxError(from, "string is not valid UTF-8");
    }
  }

  private Object number() throws SyntaxError {
    int start = pos;
    if (b[pos] == '-') {
      pos++;
    }
    if (pos >= end || b[pos] < '0' || b[pos] > '9') {
      throw new SyntaxError(start, "invalid number: expected a digit after '-'");
    }
    if (b[pos] == '0') {
      pos++;
      if (pos < end && b[pos] >= '0' && b[pos] <= '9') {
        throw new SyntaxError(start, "invalid number: leading zeros are not allowed");
      }
    } else {
      digits();
    }
    boolean integral = true;
    if (pos < end && b[pos] == '.') {
      integral = false;
      pos++;
      if (digits() == 0) {
        throw new SyntaxError(start, "invalid number: expected digits after '.'");
      }
    }
    if (pos < end && (b[pos] == 'e' || b[pos] == 'E')) {
      integral = false;
      pos++;
      if (pos < end && (b[pos] == '+' || b[pos] == '-')) {
        pos++;
      }
      if (digits() == 0) {
        throw new SyntaxError(start, "invalid number: expected digits in the exponent");
      }
    }
    String text = new String(b, start, pos - start, StandardCharsets.US_ASCII);
    if (integral) {
      try {
        return Long.parseLong(text);
      } catch (NumberFormatException ex) {
        throw new SyntaxError(start, "integer " + text + " does not fit in 64 bits");
      }
    }
    return Double.parseDouble(text);
  }

  private int digits() {
    int n = 0;
    while (pos < end && b[pos] >= '0' && b[pos] <= '9') {
      pos++;
      n++;
    }
    return n;
  }

  /** Appends {@code s} as a JSON string literal (quotes and escapes added). */
  static void writeString(StringBuilder out, String s) {
    out.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        default -> {
          if (c < 0x20) {
            out.append(String.format("\\u%04x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    out.append('"');
  }
}
