// 1:14: error: enumerator value for 'A' is not an integer constant
enum E { A = 1.5 };
