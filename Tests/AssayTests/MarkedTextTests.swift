import AssaySupport
import Testing

/// The marker helper itself: offsets in Unicode scalars, errors instead of crashes.
@Suite struct MarkedTextTests {
    @Test func spansCountUnicodeScalars() throws {
        let m = try MarkedText("Ông \u{200D}⟦Nha\u{300} ma\u{301}y Z131⟧ nói ⟦२०२२⟧")
        #expect(m.text == "Ông \u{200D}Nha\u{300} ma\u{301}y Z131 nói २०२२")
        #expect(m.spans == [5..<19, 24..<28])
        #expect(m.marked == ["Nha\u{300} ma\u{301}y Z131", "२०२२"])
    }

    @Test(arguments: ["⟦a", "a⟧", "⟦a⟦b⟧⟧"])
    func misplacedMarkersThrow(_ input: String) {
        #expect(throws: MarkedText.MarkerError.self) { try MarkedText(input) }
    }
}
