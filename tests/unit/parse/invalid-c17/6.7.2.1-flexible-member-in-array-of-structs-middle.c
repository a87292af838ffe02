// 2:35: error: flexible array member not at end of struct
struct F { int n; int a[]; };
struct G { struct F f; int x; int b[]; int y; };
