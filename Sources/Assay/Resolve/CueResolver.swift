/// Internal cue words (metrics, scope): the value of the `cue` capture's lexicon, as `{value}`.
/// Cue matches are never emitted as entities; the fact linker reads them.
package struct CueResolver: Resolver {
    package init() {}

    package func resolve(_ input: ResolverInput) -> Resolution {
        guard let cue = input["cue"], let v = cue.lexiconValue, !v.isEmpty else {
            return .reject("a cue rule captures 'cue' from a lexicon with values")
        }
        return .accept(EntityValue(fields: [.init("value", v)]))
    }
}
