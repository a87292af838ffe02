/* Struct layout cases compared against gcc (tests/unit/parse-layout.test.ts).
   Each case is "struct <name> { ... };" on lines between the markers. */
struct s1 { char a; int b; char c; };
struct s2 { char a; short b; long long c; char d; };
struct s3 { int a:3; int b:5; int c:25; };
struct s4 { char a; int b:4; char c; };
struct s5 { char a; int :0; char b; };
struct s6 { char a; long long b:40; int c:20; };
struct s7 { unsigned a:1; unsigned :0; unsigned b:1; };
struct s8 { char a; int :3; char b; };
struct s9 { short a:9; short b:9; short c:9; };
struct s10 { char a; long long :0; char b; };
struct s11 { char a; int b; } __attribute__((packed));
struct s12 { char a; int b:20; int c:20; } __attribute__((packed));
struct s13 { char a; int b __attribute__((packed)); short c; };
struct s14 { char a; int b __attribute__((aligned(16))); };
struct s15 { char a; } __attribute__((aligned(32)));
struct s16 { char a; _Alignas(8) char b; };
struct s17 { int n; char d[]; };
struct s18 { char c; struct s17 *p; long double ld; };
struct s19 { char c; __int128 x; };
struct s20 { char c; union { int i; double d; } u; char e; };
struct s21 { char a; struct { char b; int c; }; char d; };
struct s22 { unsigned char a:4; unsigned char b:4; unsigned char c:4; };
struct s23 { char a; long long b:3; };
struct s24 { int a:7; char b:4; int c:31; long long d:33; };
struct s25 { char c; double d; } __attribute__((packed, aligned(4)));
struct s26 { char a; char b:3; char :0; char c:2; };
struct s27 { long long a:1; char b; };
struct s28 { char a; int :0; };
struct s29 { unsigned short a:3; int b:13; char c; };
struct s30 { char a[3]; short b:10; };
#pragma pack(push, 2)
struct p1 { char a; int b; long long c; };
struct p2 { char a; int b:20; int c:20; };
struct p3 { char a; double d; char e; };
#pragma pack(pop)
#pragma pack(1)
struct p4 { char a; short b; int c:12; int d; };
#pragma pack()
struct p5 { char a; int b; };
union u1 { char a; int b:17; long long c; };
union u2 { char a[5]; short b; } __attribute__((aligned(8)));
struct s31 { _Bool a:1; _Bool b:1; int c; };
struct s32 { char a; float _Complex z; char b; };
struct s33 { char a; long double b; char c; };
struct s34 { char x; int y:2; } __attribute__((aligned(2)));
struct s35 { short a; char b:8; char c:8; char d:8; };
