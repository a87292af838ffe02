// 2:10: error: enumerator value for 'A' is not an integer constant
int v = 2;
enum E { A = v };
