import Testing
@testable import WalkshedFormats

func events(_ text: String) throws -> [XMLTokenizer.Event] {
    var tokenizer = XMLTokenizer(MemoryInput(bytes: Array(text.utf8)))
    var out: [XMLTokenizer.Event] = []
    while let e = try tokenizer.next() { out.append(e) }
    return out
}

func tokenizerError(_ text: String) -> String {
    do { _ = try events(text); return "no error" } catch let f as XMLTokenizer.Failure {
        return "\(f.line):\(f.column): \(f.message)"
    } catch { return "\(error)" }
}

@Test func tokenizerSkipsPrologCommentsAndCDATA() throws {
    let text = """
    <?xml version='1.0' encoding='UTF-8'?>
    <?x?>
    <!DOCTYPE osm [ <!ENTITY e "x>"> ]>
    <!-- a comment with <tags> -->
    <osm a="1" b='&lt;&amp;&#65;&#x42;&quot;'>
      <![CDATA[ <not a tag> ]]>
      <n k="南京"/>
    </osm>
    """
    #expect(try events(text) == [
        .start(name: "osm", attributes: [XMLAttribute(name: "a", value: "1"), XMLAttribute(name: "b", value: "<&AB\"")], selfClosing: false),
        .start(name: "n", attributes: [XMLAttribute(name: "k", value: "南京")], selfClosing: true),
        .end(name: "n"),
        .end(name: "osm"),
    ])
}

@Test(arguments: [
    ("<osm><a></osm>", "1:15: </osm> does not close <a>"),
    ("<osm></osm><osm/>", "1:13: a second root element"),
    ("hello<osm/>", "1:1: text outside the root element"),
    ("<osm>", "1:6: unexpected end of file inside <osm>"),
    ("", "1:1: no root element"),
    ("<osm a=1/>", "1:8: attribute a needs a quoted value"),
    ("<osm a=\"1\"b=\"2\"/>", "1:11: expected a space before an attribute in <osm>"),
    ("<osm a=\"&bogus;\"/>", "1:16: unknown entity &bogus;"),
    ("<osm a=\"1\" a=\"2\"/>", "1:17: attribute a repeated in <osm>"),
    ("<!-- never closed", "1:18: unexpected end of file inside a comment"),
    ("<osm><!ELEMENT x></osm>", "1:8: unknown markup declaration after '<!'"),
    ("<1osm/>", "1:2: expected a name"),
])
func malformedXMLIsLocated(text: String, message: String) {
    #expect(tokenizerError(text) == message)
}

@Test func nestingIsBounded() {
    let deep = String(repeating: "<a>", count: XMLTokenizer.maxDepth + 1)
    #expect(tokenizerError(deep) == "1:\(3 * XMLTokenizer.maxDepth + 4): elements nested deeper than 256")
}

@Test func hugeValuesAreBounded() {
    let text = "<osm a=\"" + String(repeating: "x", count: XMLTokenizer.maxValueBytes + 1) + "\"/>"
    #expect(tokenizerError(text).hasSuffix(": value of a longer than 1048576 bytes"))
}

/// A UTF-8 byte-order mark before the document is skipped (XML 1.0 §4.3.3), as editors on
/// Windows write it; the same bytes anywhere else, or a broken mark, are errors.
@Test func aByteOrderMarkBeforeTheDocumentIsSkipped() throws {
    let plain = "<?xml version='1.0'?>\n<osm><node id=\"1\"/></osm>"
    #expect(try events("\u{FEFF}" + plain) == events(plain))
    #expect(tokenizerError("<osm>\u{FEFF}</osm>") == "no error", "inside the root element it is text, which OSM ignores")
    #expect(tokenizerError("\u{FEFF}\u{FEFF}<osm/>").hasSuffix("text outside the root element"))
    var broken = Array(plain.utf8)
    broken.insert(contentsOf: [0xEF, 0xBB], at: 0)
    var tokenizer = XMLTokenizer(MemoryInput(bytes: broken))
    #expect(throws: XMLTokenizer.Failure.self) { while try tokenizer.next() != nil {} }
}
