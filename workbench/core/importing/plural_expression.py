"""A PO header's plural=EXPRESSION in gettext's grammar (C's operators on n and whole numbers, computed
as unsigned long as gettext does), compiled to a function so the PO check can run it for every n.

Grammar, loosest first: ?: (right to left), ||, &&, == !=, < > <= >=, + -, * / %, unary !, then n,
a number or a parenthesised expression. Nesting is bounded so no expression can exhaust the stack.
"""

from __future__ import annotations

import re
from collections.abc import Callable

MAX_NESTING = 50
_MASK = (1 << 64) - 1
_TOKEN = re.compile(r"\s*(?:([0-9]+)|(n)|(\|\||&&|==|!=|<=|>=|[<>+\-*/%!?:()]))")

Evaluate = Callable[[int], int]


class PluralExpressionError(ValueError):
    """The expression is not of gettext's grammar, or divides by zero for some n."""


def _divide(a: int, b: int) -> int:
    if b == 0:
        raise PluralExpressionError("it divides by zero")
    return a // b


def _modulo(a: int, b: int) -> int:
    if b == 0:
        raise PluralExpressionError("it divides by zero")
    return a % b


_BINARY: dict[str, Callable[[int, int], int]] = {
    "||": lambda a, b: int(bool(a) or bool(b)),
    "&&": lambda a, b: int(bool(a) and bool(b)),
    "==": lambda a, b: int(a == b),
    "!=": lambda a, b: int(a != b),
    "<": lambda a, b: int(a < b),
    ">": lambda a, b: int(a > b),
    "<=": lambda a, b: int(a <= b),
    ">=": lambda a, b: int(a >= b),
    "+": lambda a, b: (a + b) & _MASK,
    "-": lambda a, b: (a - b) & _MASK,
    "*": lambda a, b: (a * b) & _MASK,
    "/": _divide,
    "%": _modulo,
}
_LEVELS = (("||",), ("&&",), ("==", "!="), ("<", ">", "<=", ">="), ("+", "-"), ("*", "/", "%"))


def _tokens(expression: str) -> list[str]:
    tokens: list[str] = []
    position = 0
    while position < len(expression):
        found = _TOKEN.match(expression, position)
        if found is None:
            if not expression[position:].strip():
                break
            raise PluralExpressionError(f"unexpected {expression[position:].strip()[:10]!r}")
        tokens.append(found.group(found.lastindex or 0))
        position = found.end()
    return tokens


class _Parser:
    def __init__(self, tokens: list[str]) -> None:
        self.tokens = tokens
        self.position = 0
        self.depth = 0

    def peek(self) -> str | None:
        return self.tokens[self.position] if self.position < len(self.tokens) else None

    def take(self) -> str:
        token = self.peek()
        if token is None:
            raise PluralExpressionError("it ends too early")
        self.position += 1
        return token

    def conditional(self) -> Evaluate:
        self.depth += 1
        if self.depth > MAX_NESTING:
            raise PluralExpressionError(f"it nests deeper than {MAX_NESTING} levels")
        condition = self.binary(0)
        if self.peek() == "?":
            self.take()
            then = self.conditional()
            if self.take() != ":":
                raise PluralExpressionError("a ? without its :")
            otherwise = self.conditional()
            self.depth -= 1
            return lambda n: then(n) if condition(n) else otherwise(n)
        self.depth -= 1
        return condition

    def binary(self, level: int) -> Evaluate:
        if level == len(_LEVELS):
            return self.unary()
        left = self.binary(level + 1)
        while self.peek() in _LEVELS[level]:
            operation = _BINARY[self.take()]
            right = self.binary(level + 1)
            left = (lambda op, a, b: lambda n: op(a(n), b(n)))(operation, left, right)
        return left

    def unary(self) -> Evaluate:
        token = self.take()
        if token == "!":
            self.depth += 1
            if self.depth > MAX_NESTING:
                raise PluralExpressionError(f"it nests deeper than {MAX_NESTING} levels")
            inner = self.unary()
            self.depth -= 1
            return lambda n: int(not inner(n))
        if token == "n":
            return lambda n: n
        if token.isdigit():
            value = int(token) & _MASK
            return lambda _n: value
        if token == "(":
            inner = self.conditional()
            if self.take() != ")":
                raise PluralExpressionError("a ( without its )")
            return inner
        raise PluralExpressionError(f"unexpected {token!r}")


def compile_plural(expression: str) -> Evaluate:
    """The expression as a function of n; PluralExpressionError when it is not of the grammar."""
    parser = _Parser(_tokens(expression))
    if not parser.tokens:
        raise PluralExpressionError("it is empty")
    evaluate = parser.conditional()
    if parser.peek() is not None:
        raise PluralExpressionError(f"unexpected {parser.peek()!r}")
    return evaluate
