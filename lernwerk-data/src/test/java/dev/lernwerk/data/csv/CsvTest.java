package dev.lernwerk.data.csv;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lernwerk.tensor.DType;
import dev.lernwerk.tensor.Tensor;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CsvTest {
  static final String TITANIC = """
      PassengerId,Survived,Pclass,Name,Sex,Age,SibSp,Parch,Ticket,Fare,Cabin,Embarked
      1,0,3,"Braund, Mr. Owen Harris",male,22,1,0,A/5 21171,7.25,,S
      2,1,1,"Cumings, Mrs. John Bradley (Florence Briggs Thayer)",female,38,1,0,PC 17599,71.2833,C85,C
      3,1,3,"Heikkinen, Miss. Laina",female,26,0,0,STON/O2. 3101282,7.925,,S
      4,1,1,"Futrelle, Mrs. Jacques Heath (Lily May Peel)",female,35,1,0,113803,53.1,C123,S
      5,0,3,"Allen, Mr. William Henry",male,35,0,0,373450,8.05,,S
      6,0,3,"Moran, Mr. James",male,,0,0,330877,8.4583,,Q
      7,0,1,"McCarthy, Mr. Timothy J",male,54,0,0,17463,51.8625,E46,S
      8,0,3,"Palsson, Master. Gosta Leonard",male,2,3,1,349909,21.075,,S
      9,1,3,"Johnson, Mrs. Oscar W (Elisabeth Vilhelmina Berg)",female,27,0,2,347742,11.1333,,S
      10,1,2,"Nasser, Mrs. Nicholas (Adele Achem)",female,14,1,0,237736,30.0708,,C
      11,1,3,"Sandstrom, Miss. Marguerite Rut",female,4,1,1,PP 9549,16.7,G6,
      12,1,1,"Bonnell, Miss. Elizabeth",female,58,0,0,113783,26.55,C103,S
      """;

  @TempDir Path dir;

  Table titanic() throws IOException {
    Path p = dir.resolve("titanic.csv");
    Files.writeString(p, TITANIC);
    return CsvReader.read(p);
  }

  @Test
  void readsTypedColumns() throws IOException {
    Table t = titanic();
    assertEquals(12, t.rows());
    assertEquals(12, t.width());
    assertEquals("Name", t.names().get(3));
    assertInstanceOf(NumericColumn.class, t.column("Age"));
    assertInstanceOf(NumericColumn.class, t.column("Fare"));
    assertInstanceOf(TextColumn.class, t.column("Sex"));
    assertInstanceOf(TextColumn.class, t.column("Ticket")); // mixed "A/5 21171" and "113803"
    assertEquals("Braund, Mr. Owen Harris", t.text("Name").values()[0]);
    assertEquals(71.2833, t.numeric("Fare").values()[1]);
    assertTrue(Double.isNaN(t.numeric("Age").values()[5]));
    var e = assertThrows(IllegalArgumentException.class, () -> t.numeric("Sex"));
    assertTrue(e.getMessage().startsWith("Table: column 'Sex' holds text (categories), not numbers"));
    var e2 = assertThrows(IllegalArgumentException.class, () -> t.column("Agee"));
    assertTrue(e2.getMessage().startsWith("Table: no column 'Agee'; the columns are [PassengerId,"));
  }

  @Test
  void missingValuesAndImputation() throws IOException {
    Table t = titanic();
    Map<String, Integer> missing = t.missingCounts();
    assertEquals(1, missing.get("Age"));
    assertEquals(7, missing.get("Cabin"));
    assertEquals(1, missing.get("Embarked"));
    assertEquals(0, missing.get("Fare"));
    assertEquals(List.of("Age", "Cabin", "Embarked"), t.columnsWithMissing());
    Map<String, Object> fill = t.imputationValues();
    // ages sorted: 2 4 14 22 26 27 35 35 38 54 58 -> median 27; Embarked: S 8x, C 2x, Q 1x
    assertEquals(27.0, fill.get("Age"));
    assertEquals("S", fill.get("Embarked"));
    assertEquals("C103", fill.get("Cabin")); // all cabins occur once: the smallest wins the tie
    Table clean = t.impute();
    assertEquals(27.0, clean.numeric("Age").values()[5]);
    assertEquals("S", clean.text("Embarked").values()[10]);
    assertTrue(clean.columnsWithMissing().isEmpty());
    assertEquals(22.0, clean.numeric("Age").values()[0]);
    // median of an even count is the mean of the middle two
    assertEquals(2.5, new NumericColumn("x", new double[] {4, Double.NaN, 1, 2, 3}).median());
  }

  @Test
  void trainStatisticsAppliedToValidation() throws IOException {
    Table t = titanic();
    Table train = t.rows(new int[] {0, 1, 2, 3, 4, 5, 6, 7});
    Table valid = t.rows(new int[] {8, 9, 10, 11});
    Map<String, Object> fill = train.imputationValues();
    // train ages: 22 38 26 35 35 54 2 -> median 35
    assertEquals(35.0, fill.get("Age"));
    Table v = valid.fillMissing(Map.of("Embarked", fill.get("Embarked")));
    assertEquals("S", v.text("Embarked").values()[2]);
    List<String> cats = train.categorical("Embarked").categories();
    assertEquals(List.of("C", "Q", "S"), cats);
    Table dv = valid.withDummies("Embarked", cats, true);
    assertEquals(List.of("Embarked_Q", "Embarked_S"),
        dv.names().subList(dv.width() - 2, dv.width()));
  }

  @Test
  void codesAndDummies() throws IOException {
    Table t = titanic();
    Categorical sex = t.categorical("Sex");
    assertEquals(List.of("female", "male"), sex.categories());
    assertArrayEquals(new int[] {1, 0, 0, 0, 1, 1, 1, 1, 0, 0, 0, 0}, sex.codes());
    Categorical emb = t.categorical("Embarked");
    assertEquals(-1, emb.codes()[10]);
    assertNull(emb.value(10));
    Table coded = t.withCodes("Sex");
    assertEquals(1.0, coded.numeric("Sex").values()[0]);
    assertEquals(4, coded.names().indexOf("Sex"), "codes replace the column in place");

    Table d = t.withDummies("Sex", false);
    assertTrue(d.has("Sex_female") && d.has("Sex_male") && !d.has("Sex"));
    assertEquals(4, d.names().indexOf("Sex_female"));
    assertEquals(1.0, d.numeric("Sex_male").values()[0]);
    assertEquals(0.0, d.numeric("Sex_female").values()[0]);
    Table d1 = t.withDummies("Embarked", true);
    assertEquals(List.of("Embarked_Q", "Embarked_S"), d1.names().subList(11, 13));
    // the row with a missing port is 0 in every dummy column
    assertEquals(0.0, d1.numeric("Embarked_Q").values()[10]);
    assertEquals(0.0, d1.numeric("Embarked_S").values()[10]);
    assertEquals(1.0, d1.numeric("Embarked_Q").values()[5]);
    // a numeric column as categories: sorted numerically, printed without ".0"
    assertEquals(List.of("1", "2", "3"), t.categorical("Pclass").categories());
    assertEquals(List.of("Pclass_2", "Pclass_3"),
        t.withDummies("Pclass", true).names().subList(2, 4));
  }

  @Test
  void tensorsForTraining() throws IOException {
    Table t = titanic().impute().withDummies("Sex", true).withLog1p("Fare");
    Tensor x = t.features("Pclass", "Age", "Fare", "Sex_male");
    assertArrayEquals(new int[] {12, 4}, x.shape());
    assertEquals(DType.FLOAT32, x.dtype());
    assertArrayEquals(new float[] {3, 22, (float) Math.log1p(7.25), 1},
        x.select(0, 0).toFloatArray(), 1e-6f);
    Tensor y = t.labels("Survived");
    assertEquals(DType.INT32, y.dtype());
    assertArrayEquals(new int[] {0, 1, 1, 1, 0, 0, 0, 0, 1, 1, 1, 1}, y.toIntArray());
    assertArrayEquals(new int[] {1, 0, 0, 0, 1, 1, 1, 1, 0, 0, 0, 0},
        titanic().labels("Sex").toIntArray());
    assertEquals((float) Math.log1p(8.05), t.target("Fare").get(4), 1e-6f);
    var e = assertThrows(IllegalArgumentException.class, () -> titanic().features("Age"));
    assertEquals("Table.features: column 'Age' has 1 missing values (the first in row 5);"
        + " impute() or fillMissing(…) first", e.getMessage());
    var e2 = assertThrows(IllegalArgumentException.class, () -> titanic().features("Sex"));
    assertEquals("Table.features: column 'Sex' holds text; convert it with withCodes(\"Sex\") or"
        + " withDummies(\"Sex\", true)", e2.getMessage());
    var e3 = assertThrows(IllegalArgumentException.class,
        () -> new Table(List.of(new NumericColumn("v", new double[] {1, -2}))).withLog1p("v"));
    assertEquals("Table.withLog1p: column 'v' has -2.0 in row 1; log1p needs values > -1",
        e3.getMessage());
  }

  static Table parse(String text) throws IOException {
    return CsvReader.parse(text, "t.csv", CsvOptions.defaults());
  }

  @Test
  void quotingCases() throws IOException {
    Table t = parse("a,b,c\r\n"
        + "\"x, y\",\"say \"\"hi\"\"\",\"two\nlines\"\r\n"
        + "\"\",plain,\"\"\"\"\r\n"
        + "\n"
        + "q,5'11\",\"end\"");
    assertEquals(3, t.rows());
    String[] a = t.text("a").values();
    String[] b = t.text("b").values();
    String[] c = t.text("c").values();
    assertEquals("x, y", a[0]);
    assertEquals("say \"hi\"", b[0]);
    assertEquals("two\nlines", c[0]);
    assertNull(a[1], "a quoted empty field is missing");
    assertEquals("\"", c[1]);
    assertEquals("5'11\"", b[2], "a quote inside an unquoted field is kept");
    assertEquals("end", c[2]);
  }

  @Test
  void delimiterHeaderBomAndDeclaredTypes() throws IOException {
    var opts = CsvOptions.defaults().withDelimiter(';').withHeader(false)
        .withType("1", ColumnType.TEXT);
    Table t = CsvReader.parse("\uFEFF1,5;3;NA\n2;4;7\n", "t.csv", opts);
    assertEquals(List.of("0", "1", "2"), t.names());
    assertEquals("1,5", t.text("0").values()[0]);
    assertEquals("3", t.text("1").values()[0]);
    assertTrue(Double.isNaN(t.numeric("2").values()[0]));
    assertEquals(7.0, t.numeric("2").values()[1]);
    Table tabs = CsvReader.parse("x\ty\n1e3\t-.5\n", "t.tsv",
        CsvOptions.defaults().withDelimiter('\t'));
    assertEquals(1000.0, tabs.numeric("x").values()[0]);
    assertEquals(-0.5, tabs.numeric("y").values()[0]);
    assertInstanceOf(TextColumn.class, parse("v\n0x10\n").column("v"));
    assertInstanceOf(TextColumn.class, parse("v\nInfinity\n").column("v"));
    assertInstanceOf(TextColumn.class, parse("v\n1.5f\n").column("v"));
  }

  private static String error(String text, CsvOptions o) {
    return assertThrows(CsvException.class, () -> CsvReader.parse(text, "t.csv", o)).getMessage();
  }

  private static String error(String text) {
    return error(text, CsvOptions.defaults());
  }

  @Test
  void badRowsNameLineAndColumn() {
    assertEquals("t.csv: line 4: expected 3 fields (as in the header), got 2",
        error("a,b,c\n1,\"two\nlines\",3\n4,5\n"));
    assertEquals("t.csv: line 3, column 4: expected 3 fields (as in the header), got 4",
        error("a,b,c\n1,2,3\n4,5,6,7\n"));
    assertEquals("t.csv: line 2, column 2: the quoted field opened on line 2 is not closed before"
        + " the end of the file", error("a,b\n1,\"open\n2,3\n"));
    assertEquals("t.csv: line 2, column 1: unexpected character 'x' after the closing quote of a"
        + " quoted field (write a quote inside quotes as two quotes)", error("a,b\n\"q\"x,2\n"));
    assertEquals("t.csv: line 3, column 2 (Age): expected a number, got 'old'",
        error("Name,Age\nA,3\nB,old\n", CsvOptions.defaults().withType("Age", ColumnType.NUMERIC)));
    assertEquals("t.csv: line 1, column 3: the header names 'a' twice (columns 1 and 3)",
        error("a,b,a\n1,2,3\n"));
    assertEquals("t.csv: a type is declared for column 'Agee', but the columns are [a]",
        error("a\n1\n", CsvOptions.defaults().withType("Agee", ColumnType.NUMERIC)));
    CsvException e = assertThrows(CsvException.class,
        () -> CsvReader.parse("a,b\n1\n", "t.csv", CsvOptions.defaults()));
    assertEquals(2, e.line());
  }

  @Test
  void emptyInputAndPrinting() throws IOException {
    assertEquals(0, parse("").rows());
    String s = titanic().select("Survived", "Sex", "Age").head(2).toString();
    assertEquals("Survived  Sex     Age\n"
        + "       0  male     22\n"
        + "       1  female   38\n"
        + "[2 rows x 3 columns]", s);
    assertFalse(titanic().drop("Name").has("Name"));
  }
}
