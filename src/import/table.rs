//! First-match rule tables: rules (guards, edits, `stop`) and guarded groups of rules,
//! flattened into transforms with each one's source line.

use crate::wire::Transform;

/// One vendor rule: when every guard holds, run the edits and stop.
#[derive(Debug, Clone)]
pub(crate) struct Rule {
    /// The 1-based source line.
    pub(crate) line: usize,
    /// Guard transforms (their `number` is filled in by [`emit`]); none: always applies.
    pub(crate) guards: Vec<Transform>,
    /// What the rule does to the number.
    pub(crate) edits: Vec<Transform>,
}

/// A node of a rule table.
#[derive(Debug, Clone)]
pub(crate) enum Node {
    /// A rule: guards, edits, then `stop`.
    Rule(Rule),
    /// A guard that governs a run of nodes; when it fails, the table goes on after them.
    Group {
        /// The 1-based source line.
        line: usize,
        /// The guard (its `number` is filled in by [`emit`]).
        guard: Transform,
        /// The governed nodes.
        children: Vec<Node>,
    },
}

fn size(node: &Node) -> usize {
    match node {
        Node::Rule(r) => r.guards.len() + r.edits.len() + 1,
        Node::Group { children, .. } => 1 + children.iter().map(size).sum::<usize>(),
    }
}

/// Flattens `nodes` into transforms and their source lines.
// Out of line: one copy, whatever inlines it (a smaller WebAssembly build).
#[inline(never)]
pub(crate) fn emit(nodes: &[Node]) -> (Vec<Transform>, Vec<usize>) {
    let mut out = (Vec::new(), Vec::new());
    for node in nodes {
        emit_node(node, &mut out);
    }
    out
}

fn emit_node(node: &Node, (transforms, lines): &mut (Vec<Transform>, Vec<usize>)) {
    match node {
        Node::Rule(rule) => {
            let body = rule.edits.len() + 1;
            for (i, guard) in rule.guards.iter().enumerate() {
                let governed = rule.guards.len() - 1 - i + body;
                transforms.push(guard.clone().number(governed as i64));
                lines.push(rule.line);
            }
            for edit in &rule.edits {
                transforms.push(edit.clone());
                lines.push(rule.line);
            }
            transforms.push(Transform::new("stop"));
            lines.push(rule.line);
        }
        Node::Group {
            line,
            guard,
            children,
        } => {
            let governed: usize = children.iter().map(size).sum();
            transforms.push(guard.clone().number(governed as i64));
            lines.push(*line);
            let mut out = (std::mem::take(transforms), std::mem::take(lines));
            for child in children {
                emit_node(child, &mut out);
            }
            *transforms = out.0;
            *lines = out.1;
        }
    }
}

/// Sorts `items` by a signed `key`, keeping the order of equal keys: the crate's one shared
/// sort (`crate::order`), which keeps the WebAssembly build small.
pub(crate) fn sort_by_key<T>(items: &mut Vec<T>, key: impl Fn(&T) -> i64) {
    crate::order::sort_by_u64_key(items, |t| crate::order::signed_key(key(t)));
}

/// `regex_replace` of the first match of `regex` by `template` (no `value2` when empty).
pub(crate) fn replace_first(regex: impl Into<String>, template: String) -> Transform {
    let t = Transform::new("regex_replace").value(regex).number(1);
    if template.is_empty() {
        t
    } else {
        t.value2(template)
    }
}

/// A guard: `if_prefix` and friends, its `number` to be filled in.
pub(crate) fn guard(kind: &str, value: impl Into<String>) -> Transform {
    Transform::new(kind).value(value)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nested_guards_govern_the_rest_of_their_rule() {
        let nodes = vec![
            Node::Group {
                line: 1,
                guard: guard("if_length", "4"),
                children: vec![Node::Rule(Rule {
                    line: 2,
                    guards: vec![guard("if_prefix", "1"), guard("if_suffix", "9")],
                    edits: vec![Transform::new("set").value("x")],
                })],
            },
            Node::Rule(Rule {
                line: 3,
                guards: vec![],
                edits: vec![],
            }),
        ];
        let (t, lines) = emit(&nodes);
        let numbers: Vec<Option<i64>> = t.iter().map(|t| t.number).collect();
        assert_eq!(numbers, [Some(4), Some(3), Some(2), None, None, None]);
        assert_eq!(lines, [1, 2, 2, 2, 2, 3]);
        assert_eq!(t[5].kind, "stop");
    }
}
