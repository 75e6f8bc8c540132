/// The OpenAPI 3.1 description served at `/api/openapi.json`, written by hand. A test holds
/// its paths and methods against the router's routes.
enum OpenAPI {
    static let tekst = #"""
{
  "openapi": "3.1.0",
  "info": {
    "title": "vip server",
    "version": "1.0.0",
    "description": "De JSON-API van vip server: aanvragen schrijven, controleren en bouwen. Elke foutmelding heeft de vorm {\"fout\": \"…\"}. Verzoeken die iets wijzigen met een sessiecookie dragen de header X-CSRF-Token."
  },
  "paths": {
    "/gezond": {
      "get": {
        "summary": "Gezondheid van de server",
        "responses": {
          "200": {
            "description": "De server draait.",
            "content": {
              "application/json": {
                "schema": {
                  "type": "object",
                  "properties": {
                    "status": {
                      "const": "ok"
                    }
                  }
                }
              }
            }
          }
        }
      }
    },
    "/api/openapi.json": {
      "get": {
        "summary": "Deze beschrijving",
        "responses": {
          "200": {
            "description": "OpenAPI 3.1"
          }
        }
      }
    },
    "/api/check": {
      "post": {
        "summary": "Controleer een aanvraag zonder op te slaan",
        "requestBody": {
          "required": false,
          "content": {
            "application/yaml": {
              "schema": {
                "type": "string"
              }
            }
          }
        },
        "responses": {
          "200": {
            "description": "Het check-object, als een element van `vip check --format json`.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Check"
                }
              }
            }
          },
          "413": {
            "description": "Groter dan 5 MiB.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Fout"
                }
              }
            }
          },
          "422": {
            "description": "Onleesbaar.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Leesfout"
                }
              }
            }
          }
        }
      }
    },
    "/api/sessie": {
      "post": {
        "summary": "Aanmelden",
        "requestBody": {
          "required": true,
          "content": {
            "application/json": {
              "schema": {
                "$ref": "#/components/schemas/Aanmelding"
              }
            }
          }
        },
        "responses": {
          "200": {
            "description": "Aangemeld; cookie vip_sessie.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Sessie"
                }
              }
            }
          },
          "400": {
            "description": "Geen geldige JSON.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Fout"
                }
              }
            }
          },
          "401": {
            "description": "E-mailadres of wachtwoord klopt niet.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Fout"
                }
              }
            }
          },
          "429": {
            "description": "Te veel mislukte pogingen; zie Retry-After.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Fout"
                }
              }
            }
          }
        }
      },
      "get": {
        "summary": "De huidige sessie",
        "security": [
          {
            "cookieAuth": []
          }
        ],
        "responses": {
          "200": {
            "description": "De sessie.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Sessie"
                }
              }
            }
          },
          "401": {
            "description": "Niet aangemeld.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Fout"
                }
              }
            }
          }
        }
      },
      "delete": {
        "summary": "Afmelden",
        "security": [
          {
            "cookieAuth": []
          }
        ],
        "responses": {
          "204": {
            "description": "Afgemeld."
          },
          "401": {
            "description": "Niet aangemeld.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Fout"
                }
              }
            }
          },
          "403": {
            "description": "CSRF-token ontbreekt.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Fout"
                }
              }
            }
          }
        }
      }
    },
    "/api/sessie/wachtwoord": {
      "put": {
        "summary": "Wachtwoord wijzigen",
        "security": [
          {
            "cookieAuth": []
          }
        ],
        "requestBody": {
          "required": true,
          "content": {
            "application/json": {
              "schema": {
                "$ref": "#/components/schemas/Wachtwoordwijziging"
              }
            }
          }
        },
        "responses": {
          "204": {
            "description": "Gewijzigd; andere sessies beëindigd."
          },
          "401": {
            "description": "Niet aangemeld.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Fout"
                }
              }
            }
          },
          "403": {
            "description": "Het oude wachtwoord klopt niet, of het CSRF-token ontbreekt.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Fout"
                }
              }
            }
          },
          "422": {
            "description": "Nieuw wachtwoord korter dan 10 tekens.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Fout"
                }
              }
            }
          }
        }
      }
    },
    "/api/cursussen": {
      "post": {
        "summary": "Een cursus aanmaken (docent)",
        "security": [
          {
            "cookieAuth": []
          }
        ],
        "requestBody": {
          "required": true,
          "content": {
            "application/json": {
              "schema": {
                "$ref": "#/components/schemas/NieuweCursus"
              }
            }
          }
        },
        "responses": {
          "201": {
            "description": "Aangemaakt.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/CursusAangemaakt"
                }
              }
            }
          },
          "400": {
            "description": "Geen geldige JSON.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Fout"
                }
              }
            }
          },
          "401": {
            "description": "Niet aangemeld.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Fout"
                }
              }
            }
          },
          "403": {
            "description": "Geen docent.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Fout"
                }
              }
            }
          },
          "422": {
            "description": "Ongeldige naam of datum.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Fout"
                }
              }
            }
          }
        }
      }
    },
    "/api/cursussen/{id}/voortgang": {
      "get": {
        "summary": "Voortgang van een cursus (docent) (volgt in een volgende versie)",
        "security": [
          {
            "cookieAuth": []
          }
        ],
        "parameters": [
          {
            "name": "id",
            "in": "path",
            "required": true,
            "schema": {
              "type": "integer"
            }
          }
        ],
        "responses": {
          "401": {
            "description": "Niet aangemeld.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Fout"
                }
              }
            }
          },
          "501": {
            "description": "Nog niet gebouwd.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Fout"
                }
              }
            }
          }
        }
      }
    },
    "/api/cursussen/{id}/review": {
      "post": {
        "summary": "Review-ronde (docent) (volgt in een volgende versie)",
        "security": [
          {
            "cookieAuth": []
          }
        ],
        "parameters": [
          {
            "name": "id",
            "in": "path",
            "required": true,
            "schema": {
              "type": "integer"
            }
          }
        ],
        "responses": {
          "401": {
            "description": "Niet aangemeld.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Fout"
                }
              }
            }
          },
          "501": {
            "description": "Nog niet gebouwd.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Fout"
                }
              }
            }
          }
        }
      }
    },
    "/api/aanmelden": {
      "post": {
        "summary": "Een cursist meldt zich aan met een uitnodigingscode",
        "requestBody": {
          "required": true,
          "content": {
            "application/json": {
              "schema": {
                "$ref": "#/components/schemas/Inschrijving"
              }
            }
          }
        },
        "responses": {
          "201": {
            "description": "Aangemeld.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Cursist"
                }
              }
            }
          },
          "400": {
            "description": "Geen geldige JSON.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Fout"
                }
              }
            }
          },
          "404": {
            "description": "Onbekende code.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Fout"
                }
              }
            }
          },
          "409": {
            "description": "E-mailadres al in gebruik.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Fout"
                }
              }
            }
          },
          "422": {
            "description": "Een veld ontbreekt of is ongeldig.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Fout"
                }
              }
            }
          }
        }
      }
    },
    "/api/aanvragen": {
      "post": {
        "summary": "Een nieuwe aanvraag (cursist)",
        "security": [
          {
            "cookieAuth": []
          }
        ],
        "requestBody": {
          "required": false,
          "content": {
            "application/yaml": {
              "schema": {
                "type": "string"
              }
            }
          }
        },
        "responses": {
          "201": {
            "description": "Aangemaakt.",
            "content": {
              "application/json": {
                "schema": {
                  "type": "object",
                  "properties": {
                    "id": {
                      "type": "integer"
                    },
                    "versie": {
                      "type": "integer"
                    }
                  }
                }
              }
            }
          },
          "401": {
            "description": "Niet aangemeld.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Fout"
                }
              }
            }
          },
          "403": {
            "description": "Geen cursist.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Fout"
                }
              }
            }
          },
          "413": {
            "description": "Groter dan 5 MiB.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Fout"
                }
              }
            }
          },
          "422": {
            "description": "Onleesbaar.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Leesfout"
                }
              }
            }
          }
        }
      },
      "get": {
        "summary": "De aanvragen die de aanroeper mag zien",
        "security": [
          {
            "cookieAuth": []
          }
        ],
        "responses": {
          "200": {
            "description": "De lijst.",
            "content": {
              "application/json": {
                "schema": {
                  "type": "array",
                  "items": {
                    "$ref": "#/components/schemas/AanvraagRij"
                  }
                }
              }
            }
          },
          "401": {
            "description": "Niet aangemeld.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Fout"
                }
              }
            }
          }
        }
      }
    },
    "/api/aanvragen/{id}": {
      "get": {
        "summary": "De tekst van de huidige versie, byte voor byte",
        "security": [
          {
            "cookieAuth": []
          }
        ],
        "parameters": [
          {
            "name": "id",
            "in": "path",
            "required": true,
            "schema": {
              "type": "integer"
            }
          }
        ],
        "responses": {
          "200": {
            "description": "De tekst; header ETag met de versie.",
            "content": {
              "application/yaml": {
                "schema": {
                  "type": "string"
                }
              }
            }
          },
          "401": {
            "description": "Niet aangemeld.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Fout"
                }
              }
            }
          },
          "404": {
            "description": "Bestaat niet, of de aanroeper mag het niet zien.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Fout"
                }
              }
            }
          }
        }
      },
      "put": {
        "summary": "Een nieuwe versie opslaan",
        "security": [
          {
            "cookieAuth": []
          }
        ],
        "parameters": [
          {
            "name": "id",
            "in": "path",
            "required": true,
            "schema": {
              "type": "integer"
            }
          },
          {
            "name": "If-Match",
            "in": "header",
            "required": true,
            "schema": {
              "type": "string"
            }
          }
        ],
        "requestBody": {
          "required": false,
          "content": {
            "application/yaml": {
              "schema": {
                "type": "string"
              }
            }
          }
        },
        "responses": {
          "200": {
            "description": "Opgeslagen.",
            "content": {
              "application/json": {
                "schema": {
                  "type": "object",
                  "properties": {
                    "versie": {
                      "type": "integer"
                    },
                    "check": {
                      "$ref": "#/components/schemas/Check"
                    }
                  }
                }
              }
            }
          },
          "401": {
            "description": "Niet aangemeld.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Fout"
                }
              }
            }
          },
          "403": {
            "description": "Niet de eigenaar, of CSRF-token ontbreekt.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Fout"
                }
              }
            }
          },
          "404": {
            "description": "Bestaat niet, of de aanroeper mag het niet zien.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Fout"
                }
              }
            }
          },
          "412": {
            "description": "Verouderde versie; niets opgeslagen.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Fout"
                }
              }
            }
          },
          "413": {
            "description": "Groter dan 5 MiB.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Fout"
                }
              }
            }
          },
          "422": {
            "description": "Onleesbaar; niets opgeslagen.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Leesfout"
                }
              }
            }
          },
          "428": {
            "description": "If-Match ontbreekt.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Fout"
                }
              }
            }
          }
        }
      }
    },
    "/api/aanvragen/{id}/versies": {
      "get": {
        "summary": "Alle versies",
        "security": [
          {
            "cookieAuth": []
          }
        ],
        "parameters": [
          {
            "name": "id",
            "in": "path",
            "required": true,
            "schema": {
              "type": "integer"
            }
          }
        ],
        "responses": {
          "200": {
            "description": "De versies.",
            "content": {
              "application/json": {
                "schema": {
                  "type": "array",
                  "items": {
                    "type": "object",
                    "properties": {
                      "versie": {
                        "type": "integer"
                      },
                      "gewijzigd": {
                        "type": "string",
                        "format": "date-time"
                      },
                      "af": {
                        "type": "boolean"
                      }
                    }
                  }
                }
              }
            }
          },
          "401": {
            "description": "Niet aangemeld.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Fout"
                }
              }
            }
          },
          "404": {
            "description": "Bestaat niet, of de aanroeper mag het niet zien.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Fout"
                }
              }
            }
          }
        }
      }
    },
    "/api/aanvragen/{id}/versies/{n}": {
      "get": {
        "summary": "De tekst van één versie",
        "security": [
          {
            "cookieAuth": []
          }
        ],
        "parameters": [
          {
            "name": "id",
            "in": "path",
            "required": true,
            "schema": {
              "type": "integer"
            }
          },
          {
            "name": "n",
            "in": "path",
            "required": true,
            "schema": {
              "type": "integer"
            }
          }
        ],
        "responses": {
          "200": {
            "description": "De tekst.",
            "content": {
              "application/yaml": {
                "schema": {
                  "type": "string"
                }
              }
            }
          },
          "401": {
            "description": "Niet aangemeld.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Fout"
                }
              }
            }
          },
          "404": {
            "description": "Bestaat niet, of de aanroeper mag het niet zien.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Fout"
                }
              }
            }
          }
        }
      }
    },
    "/api/aanvragen/{id}/check": {
      "get": {
        "summary": "Het check-object van de huidige versie",
        "security": [
          {
            "cookieAuth": []
          }
        ],
        "parameters": [
          {
            "name": "id",
            "in": "path",
            "required": true,
            "schema": {
              "type": "integer"
            }
          }
        ],
        "responses": {
          "200": {
            "description": "Het check-object.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Check"
                }
              }
            }
          },
          "401": {
            "description": "Niet aangemeld.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Fout"
                }
              }
            }
          },
          "404": {
            "description": "Bestaat niet, of de aanroeper mag het niet zien.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Fout"
                }
              }
            }
          }
        }
      }
    },
    "/api/aanvragen/{id}/pakket": {
      "post": {
        "summary": "Het aanvraagpakket als zip, dezelfde bestanden als vip build",
        "security": [
          {
            "cookieAuth": []
          }
        ],
        "parameters": [
          {
            "name": "id",
            "in": "path",
            "required": true,
            "schema": {
              "type": "integer"
            }
          },
          {
            "name": "formaat",
            "in": "query",
            "schema": {
              "enum": [
                "odt",
                "docx",
                "beide"
              ]
            }
          },
          {
            "name": "concept",
            "in": "query",
            "schema": {
              "enum": [
                "1"
              ]
            }
          },
          {
            "name": "versie",
            "in": "query",
            "schema": {
              "type": "integer"
            }
          }
        ],
        "responses": {
          "200": {
            "description": "De zip.",
            "content": {
              "application/zip": {
                "schema": {
                  "type": "string",
                  "contentEncoding": "binary"
                }
              }
            }
          },
          "401": {
            "description": "Niet aangemeld.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Fout"
                }
              }
            }
          },
          "403": {
            "description": "Een organisator, of CSRF-token ontbreekt.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Fout"
                }
              }
            }
          },
          "404": {
            "description": "Bestaat niet, of de aanroeper mag het niet zien.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Fout"
                }
              }
            }
          },
          "422": {
            "description": "Fouten en geen concept: met `check`.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Fout"
                }
              }
            }
          }
        }
      }
    },
    "/api/aanvragen/{id}/opmerkingen": {
      "post": {
        "summary": "Opmerking plaatsen (docent) (volgt in een volgende versie)",
        "security": [
          {
            "cookieAuth": []
          }
        ],
        "parameters": [
          {
            "name": "id",
            "in": "path",
            "required": true,
            "schema": {
              "type": "integer"
            }
          }
        ],
        "responses": {
          "401": {
            "description": "Niet aangemeld.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Fout"
                }
              }
            }
          },
          "501": {
            "description": "Nog niet gebouwd.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Fout"
                }
              }
            }
          }
        }
      },
      "get": {
        "summary": "Opmerkingen lezen (volgt in een volgende versie)",
        "security": [
          {
            "cookieAuth": []
          }
        ],
        "parameters": [
          {
            "name": "id",
            "in": "path",
            "required": true,
            "schema": {
              "type": "integer"
            }
          }
        ],
        "responses": {
          "401": {
            "description": "Niet aangemeld.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Fout"
                }
              }
            }
          },
          "501": {
            "description": "Nog niet gebouwd.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Fout"
                }
              }
            }
          }
        }
      }
    },
    "/api/aanvragen/{id}/opmerkingen/{oid}": {
      "patch": {
        "summary": "Opmerking afhandelen (eigenaar) (volgt in een volgende versie)",
        "security": [
          {
            "cookieAuth": []
          }
        ],
        "parameters": [
          {
            "name": "id",
            "in": "path",
            "required": true,
            "schema": {
              "type": "integer"
            }
          },
          {
            "name": "oid",
            "in": "path",
            "required": true,
            "schema": {
              "type": "integer"
            }
          }
        ],
        "responses": {
          "401": {
            "description": "Niet aangemeld.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Fout"
                }
              }
            }
          },
          "501": {
            "description": "Nog niet gebouwd.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Fout"
                }
              }
            }
          }
        }
      }
    },
    "/api/aanvragen/{id}/goedkeuring": {
      "post": {
        "summary": "Goedkeuring van een versie (docent) (volgt in een volgende versie)",
        "security": [
          {
            "cookieAuth": []
          }
        ],
        "parameters": [
          {
            "name": "id",
            "in": "path",
            "required": true,
            "schema": {
              "type": "integer"
            }
          }
        ],
        "responses": {
          "401": {
            "description": "Niet aangemeld.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Fout"
                }
              }
            }
          },
          "501": {
            "description": "Nog niet gebouwd.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Fout"
                }
              }
            }
          }
        }
      }
    },
    "/api/evenementen": {
      "post": {
        "summary": "Een fondsendate-evenement (organisator) (volgt in een volgende versie)",
        "security": [
          {
            "cookieAuth": []
          }
        ],
        "parameters": [],
        "responses": {
          "401": {
            "description": "Niet aangemeld.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Fout"
                }
              }
            }
          },
          "501": {
            "description": "Nog niet gebouwd.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Fout"
                }
              }
            }
          }
        }
      }
    },
    "/api/evenementen/{id}/pakket": {
      "get": {
        "summary": "Het pakket van een evenement (organisator) (volgt in een volgende versie)",
        "security": [
          {
            "cookieAuth": []
          }
        ],
        "parameters": [
          {
            "name": "id",
            "in": "path",
            "required": true,
            "schema": {
              "type": "integer"
            }
          }
        ],
        "responses": {
          "401": {
            "description": "Niet aangemeld.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Fout"
                }
              }
            }
          },
          "501": {
            "description": "Nog niet gebouwd.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Fout"
                }
              }
            }
          }
        }
      }
    }
  },
  "components": {
    "schemas": {
      "Fout": {
        "type": "object",
        "required": [
          "fout"
        ],
        "properties": {
          "fout": {
            "type": "string"
          },
          "leesfout": {
            "$ref": "#/components/schemas/LeesfoutDetail"
          },
          "check": {
            "$ref": "#/components/schemas/Check"
          }
        }
      },
      "LeesfoutDetail": {
        "type": "object",
        "required": [
          "melding",
          "regel_nr",
          "kolom",
          "pad"
        ],
        "properties": {
          "melding": {
            "type": "string"
          },
          "regel_nr": {
            "type": [
              "integer",
              "null"
            ]
          },
          "kolom": {
            "type": [
              "integer",
              "null"
            ]
          },
          "pad": {
            "type": "string"
          }
        }
      },
      "Leesfout": {
        "type": "object",
        "required": [
          "fout",
          "leesfout"
        ],
        "properties": {
          "fout": {
            "type": "string"
          },
          "leesfout": {
            "$ref": "#/components/schemas/LeesfoutDetail"
          }
        }
      },
      "Check": {
        "type": "object",
        "required": [
          "bestand",
          "af",
          "totalen",
          "bevindingen"
        ],
        "properties": {
          "bestand": {
            "const": "aanvraag.yaml"
          },
          "af": {
            "type": "boolean"
          },
          "totalen": {
            "type": "object",
            "properties": {
              "begroting": {
                "type": "string"
              },
              "dekking": {
                "type": "string"
              }
            }
          },
          "bevindingen": {
            "type": "array",
            "items": {
              "type": "object",
              "required": [
                "regel",
                "ernst",
                "melding",
                "pad",
                "regel_nr",
                "kolom"
              ],
              "properties": {
                "regel": {
                  "type": "string"
                },
                "ernst": {
                  "enum": [
                    "fout",
                    "waarschuwing",
                    "tip"
                  ]
                },
                "melding": {
                  "type": "string"
                },
                "pad": {
                  "type": "string"
                },
                "regel_nr": {
                  "type": [
                    "integer",
                    "null"
                  ]
                },
                "kolom": {
                  "type": [
                    "integer",
                    "null"
                  ]
                },
                "onderdrukt": {
                  "type": "boolean"
                },
                "reden": {
                  "type": "string"
                }
              }
            }
          }
        }
      },
      "Aanmelding": {
        "type": "object",
        "required": [
          "email",
          "wachtwoord"
        ],
        "properties": {
          "email": {
            "type": "string"
          },
          "wachtwoord": {
            "type": "string"
          }
        }
      },
      "Sessie": {
        "type": "object",
        "required": [
          "naam",
          "rol",
          "csrf"
        ],
        "properties": {
          "naam": {
            "type": "string"
          },
          "rol": {
            "enum": [
              "cursist",
              "docent",
              "organisator"
            ]
          },
          "csrf": {
            "type": "string"
          }
        }
      },
      "Wachtwoordwijziging": {
        "type": "object",
        "required": [
          "oud",
          "nieuw"
        ],
        "properties": {
          "oud": {
            "type": "string"
          },
          "nieuw": {
            "type": "string",
            "minLength": 10
          }
        }
      },
      "NieuweCursus": {
        "type": "object",
        "required": [
          "naam",
          "bijeenkomsten"
        ],
        "properties": {
          "naam": {
            "type": "string"
          },
          "bijeenkomsten": {
            "type": "array",
            "items": {
              "type": "string",
              "format": "date"
            }
          }
        }
      },
      "CursusAangemaakt": {
        "type": "object",
        "required": [
          "id",
          "uitnodigingscode"
        ],
        "properties": {
          "id": {
            "type": "integer"
          },
          "uitnodigingscode": {
            "type": "string"
          }
        }
      },
      "Inschrijving": {
        "type": "object",
        "required": [
          "uitnodigingscode",
          "naam",
          "email",
          "wachtwoord"
        ],
        "properties": {
          "uitnodigingscode": {
            "type": "string"
          },
          "naam": {
            "type": "string"
          },
          "email": {
            "type": "string"
          },
          "wachtwoord": {
            "type": "string",
            "minLength": 10
          }
        }
      },
      "Cursist": {
        "type": "object",
        "required": [
          "id",
          "naam",
          "rol",
          "cursus"
        ],
        "properties": {
          "id": {
            "type": "integer"
          },
          "naam": {
            "type": "string"
          },
          "rol": {
            "const": "cursist"
          },
          "cursus": {
            "type": "integer"
          }
        }
      },
      "AanvraagRij": {
        "type": "object",
        "required": [
          "id",
          "titel",
          "eigenaar",
          "versie",
          "af",
          "fouten",
          "waarschuwingen",
          "gewijzigd"
        ],
        "properties": {
          "id": {
            "type": "integer"
          },
          "titel": {
            "type": [
              "string",
              "null"
            ]
          },
          "eigenaar": {
            "type": "string"
          },
          "versie": {
            "type": "integer"
          },
          "af": {
            "type": "boolean"
          },
          "fouten": {
            "type": "integer"
          },
          "waarschuwingen": {
            "type": "integer"
          },
          "gewijzigd": {
            "type": "string",
            "format": "date-time"
          }
        }
      }
    },
    "securitySchemes": {
      "cookieAuth": {
        "type": "apiKey",
        "in": "cookie",
        "name": "vip_sessie"
      }
    }
  }
}
"""#
}
