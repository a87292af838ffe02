// 3:8: error: 'E' defined as wrong kind of tag
enum E { A1 };
struct E *p;
