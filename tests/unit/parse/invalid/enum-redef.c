// 3:6: error: redeclaration of 'enum E'
enum E { A1 };
enum E { B1 };
