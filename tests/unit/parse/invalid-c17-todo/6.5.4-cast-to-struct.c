// 2:25: error: conversion to non-scalar type requested
struct S { int a; };
void f(int x) { (struct S)x; }
