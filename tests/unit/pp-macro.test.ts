import { describe, expect, it } from "vitest";
import { pp, run, toks } from "./pp/helpers.js";

describe("macro expansion: the examples of C17 6.10.3.5 and C23 6.10.5.2", () => {
  it("example 3: redefinition, recursion, # and ##", () => {
    const src = `#define x 3
#define f(a) f(x * (a))
#undef x
#define x 2
#define g f
#define z z[0]
#define h g(~
#define m(a) a(w)
#define w 0,1
#define t(a) a
#define p() int
#define q(x) x
#define r(x,y) x ## y
#define str(x) # x
f(y+1) + f(f(z)) % t(t(g)(0) + t)(1);
g(x+(3,4)-w) | h 5) & m
(f)^m(m);
p() i[q()] = { q(1), r(2,3), r(4,), r(,5), r(,) };
char c[2][6] = { str(hello), str() };
`;
    expect(pp(src)).toBe(toks(`f(2 * (y+1)) + f(2 * (f(2 * (z[0])))) % f(2 * (0)) + t(1);
f(2 * (2+(3,4)-0,1)) | f(2 * (~ 5)) & f(2 * (0,1))^m(0,1);
int i[] = { 1, 23, 4, 5, };
char c[2][6] = { "hello", "" };`));
  });

  it("example 4: stringizing and pasting order", () => {
    const src = String.raw`#define str(s) # s
#define xstr(s) str(s)
#define debug(s, t) printf("x" # s "= %d, x" # t "= %s", \
 x ## s, x ## t)
#define INCFILE(n) vers ## n
#define glue(a, b) a ## b
#define xglue(a, b) glue(a, b)
#define HIGHLOW "hello"
#define LOW LOW ", world"
debug(1, 2);
fputs(str(strncmp("abc\0d", "abc", '\4') // this goes away
 == 0) str(: @\n), s);
xstr(INCFILE(2).h)
glue(HIGH, LOW);
xglue(HIGH, LOW)
`;
    expect(pp(src)).toBe(toks(String.raw`printf("x" "1" "= %d, x" "2" "= %s", x1, x2);
fputs("strncmp(\"abc\\0d\", \"abc\", '\\4') == 0" ": @\n", s);
"vers2.h"
"hello";
"hello" ", world"`));
  });

  it("example 5: placemarkers", () => {
    expect(pp(`#define t(x,y,z) x ## y ## z
int j[] = { t(1,2,3), t(,4,5), t(6,,7), t(8,9,),
 t(10,,), t(,11,), t(,,12), t(,,) };`)).toBe(toks("int j[] = { 123, 45, 67, 89, 10, 11, 12, };"));
  });

  it("example 6: benign and invalid redefinitions", () => {
    const ok = run(`#define OBJ_LIKE (1-1)
#define OBJ_LIKE /* white space */ (1-1) /* other */
#define FUNC_LIKE(a) ( a )
#define FUNC_LIKE( a )( /* note the white space */ \\
 a /* other stuff on this line
 */ )
`);
    expect(ok.errors).toEqual([]);
    for (const bad of ["#define OBJ_LIKE (0)", "#define OBJ_LIKE (1 - 1)", "#define FUNC_LIKE(b) ( a )", "#define FUNC_LIKE(b) ( b )"]) {
      const r = run(`#define OBJ_LIKE (1-1)\n#define FUNC_LIKE(a) ( a )\n${bad}\n`);
      expect(r.errors[0]).toMatch(/t\.c:3:9: warning: "(OBJ|FUNC)_LIKE" redefined/);
    }
  });

  it("example 7: variable arguments", () => {
    expect(pp(`#define debug(...) fprintf(stderr, __VA_ARGS__)
#define showlist(...) puts(#__VA_ARGS__)
#define report(test, ...) ((test)?puts(#test):\\
 printf(__VA_ARGS__))
debug("Flag");
debug("X = %d\\n", x);
showlist(The first, second, and third items.);
report(x>y, "x is %d but y is %d", x, y);`)).toBe(toks(`fprintf(stderr, "Flag" );
fprintf(stderr, "X = %d\\n", x );
puts( "The first, second, and third items." );
((x>y)?puts("x>y"): printf("x is %d but y is %d", x, y));`));
  });

  it("C23 __VA_OPT__ examples", () => {
    expect(pp(`#define F(...) f(0 __VA_OPT__(,) __VA_ARGS__)
#define G(X, ...) f(0, X __VA_OPT__(,) __VA_ARGS__)
#define SDEF(sname, ...) S sname __VA_OPT__(= { __VA_ARGS__ })
#define EMP
F(a,b,c) F() F(EMP) G(a,b,c) G(a,) G(a) SDEF(foo); SDEF(bar, 1, 2);`))
      .toBe(toks("f(0, a, b, c) f(0) f(0) f(0, a, b, c) f(0, a) f(0, a) S foo; S bar = { 1, 2 };"));
    expect(pp(`#define H2(X, Y, ...) __VA_OPT__(X ## Y,) __VA_ARGS__
H2(a, b, c, d)
#define H3(X, ...) #__VA_OPT__(X##X X##X)
H3(, 0)
#define H4(X, ...) __VA_OPT__(a X ## X) ## b
H4(, 1)
#define H5A(...) __VA_OPT__()/**/__VA_OPT__()
#define H5B(X) a ## X ## b
#define H5C(X) H5B(X)
H5C(H5A())`)).toBe(toks(`ab, c, d "" a b ab`));
  });
});

describe("rescanning and recursion (6.10.3.4)", () => {
  it("does not expand a macro inside its own expansion, ever again", () => {
    expect(pp("#define foo foo\nfoo")).toBe("foo");
    expect(pp("#define a b\n#define b a\na b")).toBe("a b");
    expect(pp("#define f(x) x f\nf(1)(2)")).toBe("1 f ( 2 )");
    // A painted token stays painted when it is passed on as an argument.
    expect(pp("#define g(x) x\n#define h g(h)\nh")).toBe("h");
  });
  it("takes gcc's choice in the standard's unspecified example", () => {
    expect(pp("#define f(a) a*g\n#define g(a) f(a)\nf(2)(9)")).toBe("2 * 9 * g");
  });
  it("lets arguments extend past the expansion that named the macro", () => {
    expect(pp("#define f(x) [x]\n#define g f\ng(4) f (5) g\n(6)")).toBe("[ 4 ] [ 5 ] [ 6 ]");
    expect(pp("#define lparen (\n#define f(x) <x>\nf lparen 1)")).toBe("f ( 1 )");
  });
  it("leaves a function-like macro name without ( alone", () => {
    expect(pp("#define f(x) x\nint f; f\n#define A 1\n(2)")).toBe("int f ; f ( 2 )");
  });
  it("expands arguments before substitution but not for # and ##", () => {
    expect(pp("#define A 1\n#define s(x) #x\n#define xs(x) s(x)\n#define c(x) x ## 2\ns(A) xs(A) c(A)")).toBe('"A" "1" A2');
  });
  it("handles the gnu comma paste and named variadics", () => {
    // gcc drops the comma only if the variable argument is left out (or, in GNU modes, for o()).
    expect(pp("#define e(fmt, ...) p(fmt, ## __VA_ARGS__)\ne(a) e(a,) e(a, b, c)")).toBe("p ( a ) p ( a , ) p ( a , b , c )");
    expect(pp("#define o(...) p(x, ## __VA_ARGS__)\no() o(1)")).toBe("p ( x ) p ( x , 1 )");
    expect(pp("#define o(...) p(x, ## __VA_ARGS__)\no() o(1)", {}, { std: "c99" })).toBe("p ( x , ) p ( x , 1 )");
    expect(pp("#define e(fmt, args...) p(fmt, ## args)\ne(a) e(a, b)")).toBe("p ( a ) p ( a , b )");
  });
  it("stringizes with gcc's spacing and escapes", () => {
    expect(pp('#define s(x) #x\ns(  a   +  b  ) s("\\n" \'"\') s(a\n  b) s()')).toBe('"a + b" "\\"\\\\n\\" \'\\"\'" "a b" ""');
  });
  it("pastes into every token kind and reports invalid pastes", () => {
    expect(pp("#define c(a,b) a##b\nc(x,1) c(1,e) c(<,<=) c(L,'a') c(.,5) c(-,>) c(%:,%:)")).toBe("x1 1e <<= L'a' .5 -> ##");
    const r = run("#define c(a,b) a##b\nc(+,/)");
    expect(r.errors[0]).toMatch(/error: pasting "\+" and "\/" does not give a valid preprocessing token/);
    expect(r.text).toBe("+ /");
  });
  it("reports argument count mismatches", () => {
    expect(run("#define f(a,b) a\nf(1)").errors[0]).toMatch(/t\.c:2:4: error: macro "f" requires 2 arguments, but only 1 given/);
    expect(run("#define f(a) a\nf(1,2)").errors[0]).toMatch(/error: macro "f" passed 2 arguments, but takes just 1/);
    expect(run("#define f(a) a\nf(1").errors[0]).toMatch(/error: unterminated argument list invoking macro "f"/);
  });
  it("checks definitions", () => {
    expect(run("#define f(x) #y").errors[0]).toMatch(/'#' is not followed by a macro parameter/);
    expect(run("#define f(x) ## x").errors[0]).toMatch(/'##' cannot appear at either end of a macro expansion/);
    expect(run("#define f(x,x) x").errors[0]).toMatch(/duplicate macro parameter "x"/);
    expect(run("#define defined").errors[0]).toMatch(/"defined" cannot be used as a macro name/);
    expect(run("#define 3").errors[0]).toMatch(/macro names must be identifiers/);
    expect(run("#define f(x").errors[0]).toMatch(/expected ',' or '\)', found|expected '\)' before end of line/);
  });
  it("processes directives inside macro arguments", () => {
    expect(pp("#define f(x) [x]\nf(1\n#ifdef f\n+2\n#else\n+3\n#endif\n)")).toBe("[ 1 + 2 ]");
  });
});

describe("builtin macros", () => {
  it("__LINE__ is the line of the outermost macro use", () => {
    expect(pp("#define L __LINE__\n#define f(x) x L __LINE__\nf(\n1\n)\n__LINE__ f\n(2)")).toBe("1 3 3 6 2 6 6");
  });
  it("__FILE__, __BASE_FILE__, __FILE_NAME__, __INCLUDE_LEVEL__, __COUNTER__", () => {
    expect(pp('#include "d/h.h"\n__FILE__ __INCLUDE_LEVEL__ __COUNTER__ __COUNTER__', { "d/h.h": "__FILE__ __BASE_FILE__ __FILE_NAME__ __INCLUDE_LEVEL__" }))
      .toBe('"d/h.h" "t.c" "h.h" 1 "t.c" 0 0 1');
  });
  it("__DATE__ and __TIME__ honour SOURCE_DATE_EPOCH", () => {
    expect(pp("__DATE__ __TIME__", {}, { sourceDateEpoch: 1700000000 })).toBe('"Nov 14 2023" "22:13:20"');
    expect(pp("__DATE__", {}, { sourceDateEpoch: 0 })).toBe('"Jan  1 1970"');
  });
  it("#line changes __LINE__ and __FILE__", () => {
    expect(pp('#line 100 "x.c"\n__LINE__ __FILE__\n__LINE__')).toBe('100 "x.c" 101');
  });
  it("_Pragma becomes a pragma token; preprocessor pragmas act", () => {
    expect(pp('_Pragma("omp parallel") x\n#define P(x) _Pragma(#x) y\nP(pack(1))')).toBe("#pragma omp parallel x #pragma pack(1) y");
    expect(pp("a\n#pragma pack(N)\nb\n#define N 4\n#pragma pack(N)\nc\n#ident \"v1\"\nd")).toBe("a #pragma pack(N) b #pragma pack(4) c #pragma ident \"v1\" d");
    expect(pp('#define X 1\n#pragma push_macro("X")\n#undef X\n#define X 2\nX\n#pragma pop_macro("X")\nX')).toBe("2 1");
    expect(run("#pragma GCC poison bad\nbad").errors[0]).toMatch(/attempt to use poisoned "bad"/);
    expect(run('#pragma GCC warning "careful"').errors[0]).toMatch(/warning: careful/);
    expect(run('#pragma GCC error "stop"').errors[0]).toMatch(/error: stop/);
  });
  it("__has_* probes", () => {
    expect(pp("#if __has_attribute(noreturn) && __has_attribute(__packed__) && !__has_attribute(bogus)\nyes\n#endif")).toBe("yes");
    expect(pp("__has_c_attribute(nodiscard) __has_c_attribute(gnu::unused) __has_builtin(__builtin_expect) __has_builtin(nope)")).toBe("202003 1 1 0");
    expect(pp('#if __has_include("h.h") && !__has_include(<nope.h>)\nyes\n#endif', { "h.h": "" })).toBe("yes");
    expect(pp("#ifdef __has_include\nyes\n#endif")).toBe("yes");
  });
});
